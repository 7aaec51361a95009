"""Corpus generators and model training (the ``[training]`` extra: Faker).

Never imported by the running service: ``paperasse train`` and the benchmarks
load it on demand and say how to install it when it is missing.
"""
