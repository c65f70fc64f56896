-- Bourgade schema, version 6: who owns each operation and the exception to
-- the owner's minimum share it falls under (CGCT art. L1111-10 III). Every
-- project stored so far is the town's own, without exception: the defaults.
ALTER TABLE project ADD COLUMN owner_kind TEXT NOT NULL DEFAULT 'commune'
    CHECK (owner_kind IN ('commune', 'epci', 'other_public', 'association',
                          'cooperative', 'company', 'other_private'));
ALTER TABLE project ADD COLUMN derogation TEXT NOT NULL DEFAULT 'none'
    CHECK (derogation IN ('none', 'protected_monument', 'public_calamity',
                          'urban_renewal_2003', 'unprotected_heritage',
                          'school_energy_renovation'));
