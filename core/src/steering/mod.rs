//! Steering the programme: the town's multi-year investment plan
//! ([`programme`]) and the comité de projet pack's content. Pure domain:
//! it takes project details and returns figures or documents; gathering is
//! `desk::steering`'s.

pub mod committee;
pub mod programme;
