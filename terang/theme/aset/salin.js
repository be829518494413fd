// Terang: a "Salin kutipan" button for each citation block. Progressive enhancement:
// without JavaScript the citation text stays selectable and nothing is lost.
(function () {
  "use strict";
  if (!navigator.clipboard || !document.querySelectorAll) { return; }
  var blocks = document.querySelectorAll(".kutip");
  Array.prototype.forEach.call(blocks, function (block) {
    var text = block.querySelector(".teks-kutipan");
    if (!text) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "tombol-salin";
    button.textContent = "Salin kutipan";
    var status = document.createElement("span");
    status.className = "status-salin";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.trim()).then(function () {
        status.textContent = "Kutipan disalin.";
      }, function () {
        status.textContent = "Tidak dapat menyalin; pilih teks kutipan lalu salin secara manual.";
      });
    });
    block.appendChild(button);
    block.appendChild(status);
  });
})();
