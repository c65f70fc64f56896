//! The embedded reference data (`crate::reference`) kept current in the
//! store, and a restored backup brought up to date.

use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// Loads the shipped reference data when the database lacks it or holds an
/// older version. Cheap when up to date (two reads of `meta`).
pub fn ensure_reference(store: &mut Store) -> Result<()> {
    let geo_version = store.meta("communes_version")?;
    if geo_version.as_deref() != Some(crate::reference::geography_version().as_str()) {
        store.load_geography(&crate::reference::geography()?)?;
    }
    let cat_version: Option<u32> = store
        .meta("catalogue_version")?
        .and_then(|v| v.parse().ok());
    let catalogue = crate::reference::catalogue()?;
    if cat_version.is_none_or(|v| v < catalogue.version) {
        store.load_catalogue(&catalogue)?;
    }
    Ok(())
}

/// Restores the backup at `source` ([`Store::restore_from`]: the current data
/// is saved first, returned path) and loads the reference data it lacks.
pub fn restore_backup(
    store: &mut Store,
    source: &Path,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>> {
    let safety = store.restore_from(source, now)?;
    ensure_reference(store)?;
    Ok(safety)
}
