"""Demo data of this app: load(*, district, today, rng, actor) is called by gonghui demo."""


def load(*, district, today, rng, actor) -> None:
    return None
