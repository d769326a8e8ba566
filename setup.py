"""The optional C kernel of the rule matcher; everything else is in pyproject.toml.

`optional=True`: where no C compiler is available the build goes on without it and the
matcher uses its pure-Python code (same results, slower candidate selection at scale).
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("monitor.rules._native", ["monitor/rules/_native.c"],
                             optional=True, extra_compile_args=["-O2"])])
