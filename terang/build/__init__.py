"""Build: the pipeline that runs the stages in order, and the state kept between builds."""
