"""The optional C kernel of the rule matcher; everything else is in pyproject.toml.

`optional=True`: where no C compiler is available the build goes on without it and the
matcher uses its pure-Python kernel (same results, slower candidate selection at scale).
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("monitor.rules.kernel._native", ["monitor/rules/kernel/_native.c"],
                             optional=True, extra_compile_args=["-O2"])])
