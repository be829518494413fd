// Search box on cari/: Pagefind's UI, in Indonesian, with the index served by this site itself.
// Without JavaScript the page still lists every page; this only adds the box above that list.
(function () {
  "use strict";
  var script = document.currentScript;
  window.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("kotak-cari");
    if (!box || typeof PagefindUI === "undefined") { return; }
    // The site root is one folder above aset/, so search works under any sub-path.
    var root = new URL("../", script.src).pathname;
    // A large site's index comes in parts (news by year) under pagefind/; search them all as one.
    var parts = (box.getAttribute("data-gabung") || "").split(" ").filter(Boolean);
    new PagefindUI({
      element: "#kotak-cari",
      baseUrl: root,
      mergeIndex: parts.map(function (name) { return { bundlePath: root + "pagefind/" + name + "/", baseUrl: root }; }),
      showImages: false,
      showSubResults: true,
      translations: {
        placeholder: "Ketik kata yang dicari",
        clear_search: "Hapus",
        load_more: "Tampilkan lebih banyak hasil",
        search_label: "Cari di situs ini",
        filters_label: "Saringan",
        zero_results: "Tidak ada hasil untuk [SEARCH_TERM]",
        many_results: "[COUNT] hasil untuk [SEARCH_TERM]",
        one_result: "[COUNT] hasil untuk [SEARCH_TERM]",
        alt_search: "Tidak ada hasil untuk [SEARCH_TERM]. Menampilkan hasil untuk [DIFFERENT_TERM]",
        search_suggestion: "Tidak ada hasil untuk [SEARCH_TERM]. Coba kata lain:",
        searching: "Mencari [SEARCH_TERM]..."
      }
    });
  });
})();
