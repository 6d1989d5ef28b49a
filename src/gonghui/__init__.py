"""Gonghui (工会): work plans, targets and the registries of a trade union federation."""
