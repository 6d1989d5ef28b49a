"""The member roster import's own parts (the importer itself is members.importer): its columns
as a core Spec, the checks against the database and the bulk save."""
