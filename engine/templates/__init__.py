"""Jinja2 templates of the code Hello PyTorch generates (shipped as package data: *.j2)."""
