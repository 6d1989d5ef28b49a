"""Demo data: a realistic, seeded union federation for `gonghui demo` (not a Django app)."""
