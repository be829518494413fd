"""Site: the whole site assembled, its pages planned and rendered, with charts, downloads and feeds."""
