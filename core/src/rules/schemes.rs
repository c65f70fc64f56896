//! Which schemes the rules name, recognised from a funding line's scheme
//! code whatever its case, accents, spacing or punctuation: "DETR",
//! "detr", " D.E.T.R ", "DSIL exceptionnelle", "Fonds de concours",
//! "EPCI_FONDS_CONCOURS", "FDC".

use crate::text::fold;

/// A scheme that a rule names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// Dotation d'équipement des territoires ruraux.
    Detr,
    /// Dotation de soutien à l'investissement local.
    Dsil,
    /// Dotation politique de la ville.
    Dpv,
    /// Dotation de soutien à l'investissement des départements.
    Dsid,
    /// A fonds de concours between an EPCI and a member commune.
    FondsDeConcours,
}

impl Named {
    /// The short name printed in messages.
    pub fn short(self) -> &'static str {
        match self {
            Named::Detr => "DETR",
            Named::Dsil => "DSIL",
            Named::Dpv => "DPV",
            Named::Dsid => "DSID",
            Named::FondsDeConcours => "fonds de concours",
        }
    }

    /// True for the four grants of CGCT art. R2334-27.
    pub fn is_state_investment_grant(self) -> bool {
        !matches!(self, Named::FondsDeConcours)
    }
}

/// The scheme a code names, if a rule names it.
pub fn recognise(code: &str) -> Option<Named> {
    let folded = fold(code);
    let key: String = folded.chars().filter(char::is_ascii_alphanumeric).collect();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // The grants by their acronym, alone or as the first word ("DSIL
    // exceptionnelle", "DETR 2027"), or spelled with dots or spaces.
    for (acronym, named) in [
        ("detr", Named::Detr),
        ("dsil", Named::Dsil),
        ("dpv", Named::Dpv),
        ("dsid", Named::Dsid),
    ] {
        if key == acronym || words.first() == Some(&acronym) {
            return Some(named);
        }
    }
    if key == "fdc" || key.contains("fondsdeconcours") || key.contains("fondsconcours") {
        return Some(Named::FondsDeConcours);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_recognised_whatever_their_case_or_spacing() {
        for (code, expected) in [
            ("DETR", Some(Named::Detr)),
            ("detr", Some(Named::Detr)),
            (" Detr ", Some(Named::Detr)),
            ("D.E.T.R.", Some(Named::Detr)),
            ("D E T R", Some(Named::Detr)),
            ("DETR 2027", Some(Named::Detr)),
            ("DSIL", Some(Named::Dsil)),
            ("dsil exceptionnelle", Some(Named::Dsil)),
            ("DSIL_RENOVATION_ENERGETIQUE", Some(Named::Dsil)),
            ("DPV", Some(Named::Dpv)),
            ("dsid", Some(Named::Dsid)),
            ("EPCI_FONDS_CONCOURS", Some(Named::FondsDeConcours)),
            ("Fonds de concours", Some(Named::FondsDeConcours)),
            ("FONDS DE CONCOURS CC", Some(Named::FondsDeConcours)),
            ("fdc", Some(Named::FondsDeConcours)),
            ("FONDS_VERT", None),
            ("DETRITUS", None),
            ("REGION", None),
            ("", None),
        ] {
            assert_eq!(recognise(code), expected, "{code:?}");
        }
    }
}
