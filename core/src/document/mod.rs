//! A document as plain data — what it says, not how it is drawn — and two
//! writers: [`to_pdf`] (`pdf.rs`, over the briefs' page engine
//! [`crate::brief::layout`]) and [`to_docx`] (`docx.rs`, a Word file the
//! secretary can edit and restyle).
//!
//! Content builders (a grant application kit, a council resolution, a
//! steering pack) fill a [`Document`] with [`Block`]s and hand it to either
//! writer; the writers decide fonts, spacing and page breaks. Texts arrive
//! already typeset: French no-break spaces, amounts ("255 000 €" with
//! narrow no-break spaces) and dates are the content builder's job, through
//! [`crate::brief::typo`]. The writers only make user text safe for their
//! format (control characters, glyphs the font lacks).
//!
//! ```
//! use bourgade_core::document::{Col, Document, Letterhead, Table};
//! use bourgade_core::Lang;
//!
//! let mut doc = Document::new(Lang::Fr, "Délibération n° 2027-014");
//! doc.header = Some(Letterhead::new("Commune de Saint-Loup-sur-Semouse"));
//! doc.display_title("Demande de subvention DETR")
//!     .h1("Plan de financement")
//!     .table(
//!         Table::new(vec![Col::left("Financeur", 3.0), Col::right("Montant HT", 1.0)])
//!             .row(["État (DETR)", "102\u{202f}000\u{a0}€"])
//!             .total(["Total", "255\u{202f}000\u{a0}€"]),
//!     )
//!     .signature("Fait à Saint-Loup-sur-Semouse, le 3\u{a0}mars\u{a0}2027", "Le maire,");
//! assert_eq!(doc.blocks.len(), 4);
//! ```

mod docx;
mod pdf;

pub use docx::to_docx;
pub use pdf::to_pdf;

use crate::Lang;
use chrono::NaiveDate;

/// A whole document: its language, its metadata, an optional letterhead and
/// its blocks in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The language of the document (Word's spelling language, the PDF's
    /// few fixed words).
    pub lang: Lang,
    /// The title written in the file's metadata (PDF information, Word core
    /// properties) and in the running head. It is not printed as a heading:
    /// the visible title is a [`Block::Title`] or a heading of its own.
    pub title: String,
    /// What kind of document this is ("Délibération du conseil municipal"):
    /// the metadata subject, the small capitals under the letterhead and the
    /// footer.
    pub subject: String,
    /// The town's letterhead at the top of the first page.
    pub header: Option<Letterhead>,
    /// The content, top to bottom.
    pub blocks: Vec<Block>,
}

/// The town's letterhead: its name and, when chosen, its logo; drawn at the
/// top of the first page as the PDF briefs draw theirs.
#[derive(Debug, Clone, PartialEq)]
pub struct Letterhead {
    /// "Commune de Saint-Loup-sur-Semouse".
    pub town: String,
    /// The town's logo as PNG bytes (at most 8 MB; anything else is refused
    /// by both writers).
    pub logo_png: Option<Vec<u8>>,
}

impl Letterhead {
    /// A letterhead without a logo.
    pub fn new(town: impl Into<String>) -> Letterhead {
        Letterhead {
            town: town.into(),
            logo_png: None,
        }
    }

    /// The same letterhead with a logo (PNG bytes).
    pub fn with_logo(mut self, png: Vec<u8>) -> Letterhead {
        self.logo_png = Some(png);
        self
    }
}

/// A stretch of text in one look, inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    /// The text; line breaks (`\n`) are kept.
    pub text: String,
    pub bold: bool,
    /// Italic (an oblique of the upright face in the PDF).
    pub italic: bool,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: true,
            italic: false,
        }
    }

    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: true,
        }
    }
}

/// One block of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's visible title, large, usually once at the top (Word
    /// style "Title").
    Title(String),
    /// A heading of level 1 (a section), 2 or 3 (Word styles "Heading 1" to
    /// "Heading 3"); other levels are read as the nearest of those.
    Heading { level: u8, text: String },
    /// A paragraph of body text made of runs.
    Paragraph(Vec<Run>),
    /// An article of a resolution: its label in bold ("Article 1er"), then
    /// its text.
    Numbered { label: String, runs: Vec<Run> },
    /// A bulleted list, one string per item.
    Bullets(Vec<String>),
    /// A row of key figures: (label, value), shown as boxes.
    KeyFigures(Vec<(String, String)>),
    /// A table with its header row.
    Table(Table),
    /// A signature block on the right half of the page: the place and date
    /// line, the signatory's role ("Le maire,"), then `blank_lines` empty
    /// lines to sign in (at most 12 are drawn), kept together.
    Signature {
        place_date: String,
        role: String,
        blank_lines: u8,
    },
    /// Lines to fill by hand ("Pour : ……", "Contre : ……", "Abstentions :
    /// ……"), kept together.
    VoteBlock { lines: Vec<String> },
    /// Small grey print.
    Note(String),
    /// Small line charts, two to a row in the PDF: each an indicator's
    /// readings over time against its baseline and target. The Word file
    /// gets each chart's title, caption and a small table of its values.
    Charts(Vec<Chart>),
    /// An empty line.
    Spacer,
    /// What follows starts a new page.
    PageBreak,
}

impl Block {
    /// A paragraph of plain text.
    pub fn para(text: impl Into<String>) -> Block {
        Block::Paragraph(vec![Run::plain(text)])
    }
}

/// A table: its columns (with the header row's titles) and its rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The columns, left to right; a table without columns is not drawn.
    pub columns: Vec<Col>,
    /// The rows under the header row.
    pub rows: Vec<TRow>,
}

/// One column of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Col {
    /// The title in the header row.
    pub title: String,
    /// Relative width: the widths of a table's columns are shares of the
    /// text width (a width that is not a positive number counts as 1).
    pub width: f32,
    /// Right-aligned (amounts, percentages).
    pub right_align: bool,
}

impl Col {
    /// A left-aligned column.
    pub fn left(title: impl Into<String>, width: f32) -> Col {
        Col {
            title: title.into(),
            width,
            right_align: false,
        }
    }

    /// A right-aligned column (amounts).
    pub fn right(title: impl Into<String>, width: f32) -> Col {
        Col {
            title: title.into(),
            width,
            right_align: true,
        }
    }
}

/// A row of a [`Table`]: one string per column (missing cells are empty,
/// extra cells are ignored).
#[derive(Debug, Clone, PartialEq)]
pub struct TRow {
    /// One text per column, left to right.
    pub cells: Vec<String>,
    /// Ordinary, subtotal or total.
    pub kind: RowKind,
}

/// What a table row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowKind {
    /// An ordinary line.
    #[default]
    Body,
    /// A subtotal (bold).
    Subtotal,
    /// The grand total (bold, tinted).
    Total,
    /// A line to notice (a deadline passed or near): bold, on a warning
    /// tint. It never merges cells.
    Alert,
}

/// A small line chart of dated values (an indicator's readings) with two
/// reference lines: where it started (the baseline) and where it should go
/// (the target). Texts arrive typeset; the dates and values place the
/// points.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    /// Above the chart, in bold (at most two lines in the PDF).
    pub title: String,
    /// One line under the title ("Avancement : 67,7 %").
    pub caption: String,
    /// The unit of the values ("%", "logements"), printed once: under the
    /// reference labels in the PDF, in the value column's title in Word.
    pub unit: String,
    /// The readings, in date order; a reading without a date or a value
    /// that is not a finite number is listed but not drawn.
    pub readings: Vec<ChartPoint>,
    /// The baseline: a dashed grey line at its value.
    pub baseline: Option<ChartPoint>,
    /// The target: a dashed green line at its value.
    pub target: Option<ChartPoint>,
}

/// One value of a [`Chart`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartPoint {
    pub date: Option<NaiveDate>,
    pub value: f64,
    /// The date as printed ("30 juin 2026").
    pub date_text: String,
    /// The value as printed, without its unit ("14,1").
    pub value_text: String,
}

impl Table {
    /// A table with these columns and no rows yet.
    pub fn new(columns: Vec<Col>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    fn with(mut self, kind: RowKind, cells: impl IntoIterator<Item = impl Into<String>>) -> Table {
        self.rows.push(TRow {
            cells: cells.into_iter().map(Into::into).collect(),
            kind,
        });
        self
    }

    /// Adds an ordinary row.
    pub fn row(self, cells: impl IntoIterator<Item = impl Into<String>>) -> Table {
        self.with(RowKind::Body, cells)
    }

    /// Adds a subtotal row.
    pub fn subtotal(self, cells: impl IntoIterator<Item = impl Into<String>>) -> Table {
        self.with(RowKind::Subtotal, cells)
    }

    /// Adds a row to notice ([`RowKind::Alert`]).
    pub fn alert(self, cells: impl IntoIterator<Item = impl Into<String>>) -> Table {
        self.with(RowKind::Alert, cells)
    }

    /// Adds the total row.
    pub fn total(self, cells: impl IntoIterator<Item = impl Into<String>>) -> Table {
        self.with(RowKind::Total, cells)
    }

    /// The columns' shares of the text width, summing to 1.
    pub(crate) fn shares(&self) -> Vec<f32> {
        let widths: Vec<f32> = self
            .columns
            .iter()
            .map(|c| {
                if c.width.is_finite() && c.width > 0.0 {
                    c.width.min(1.0e6)
                } else {
                    1.0
                }
            })
            .collect();
        let total: f32 = widths.iter().sum();
        widths.into_iter().map(|w| w / total).collect()
    }

    /// How many columns each cell of `row` covers: in total and subtotal
    /// rows a left-aligned label runs over the empty left-aligned cells after
    /// it (those get 0); elsewhere 1. Both writers merge the same cells.
    pub(crate) fn spans(&self, row: &TRow) -> Vec<usize> {
        let n = self.columns.len();
        let mut spans = vec![1; n];
        if matches!(row.kind, RowKind::Subtotal | RowKind::Total) {
            let empty = |j: usize| row.cells.get(j).is_none_or(|c| c.is_empty());
            let mut j = 0;
            while j < n {
                if !empty(j) && !self.columns[j].right_align {
                    let mut k = j + 1;
                    while k < n && empty(k) && !self.columns[k].right_align {
                        spans[k] = 0;
                        k += 1;
                    }
                    spans[j] = k - j;
                    j = k;
                } else {
                    j += 1;
                }
            }
        }
        spans
    }
}

impl Document {
    /// An empty document in `lang` whose metadata title is `title`.
    pub fn new(lang: Lang, title: impl Into<String>) -> Document {
        Document {
            lang,
            title: title.into(),
            subject: String::new(),
            header: None,
            blocks: Vec::new(),
        }
    }

    /// Appends a block.
    pub fn push(&mut self, block: Block) -> &mut Document {
        self.blocks.push(block);
        self
    }

    /// Appends the visible title ([`Block::Title`]).
    pub fn display_title(&mut self, text: impl Into<String>) -> &mut Document {
        self.push(Block::Title(text.into()))
    }

    /// Appends a heading of `level` (1 to 3).
    pub fn heading(&mut self, level: u8, text: impl Into<String>) -> &mut Document {
        self.push(Block::Heading {
            level,
            text: text.into(),
        })
    }

    /// Appends a section heading (level 1).
    pub fn h1(&mut self, text: impl Into<String>) -> &mut Document {
        self.heading(1, text)
    }

    /// Appends a heading of level 2.
    pub fn h2(&mut self, text: impl Into<String>) -> &mut Document {
        self.heading(2, text)
    }

    /// Appends a heading of level 3.
    pub fn h3(&mut self, text: impl Into<String>) -> &mut Document {
        self.heading(3, text)
    }

    /// Appends a paragraph of plain text.
    pub fn para(&mut self, text: impl Into<String>) -> &mut Document {
        self.push(Block::para(text))
    }

    /// Appends a paragraph made of runs.
    pub fn runs(&mut self, runs: Vec<Run>) -> &mut Document {
        self.push(Block::Paragraph(runs))
    }

    /// Appends an article: `label` in bold, then `text`.
    pub fn article(&mut self, label: impl Into<String>, text: impl Into<String>) -> &mut Document {
        self.push(Block::Numbered {
            label: label.into(),
            runs: vec![Run::plain(text)],
        })
    }

    /// Appends a bulleted list.
    pub fn bullets(&mut self, items: impl IntoIterator<Item = impl Into<String>>) -> &mut Document {
        self.push(Block::Bullets(items.into_iter().map(Into::into).collect()))
    }

    /// Appends a row of key figures (label, value).
    pub fn key_figures(
        &mut self,
        items: impl IntoIterator<Item = (impl Into<String>, impl Into<String>)>,
    ) -> &mut Document {
        self.push(Block::KeyFigures(
            items
                .into_iter()
                .map(|(l, v)| (l.into(), v.into()))
                .collect(),
        ))
    }

    /// Appends a table.
    pub fn table(&mut self, table: Table) -> &mut Document {
        self.push(Block::Table(table))
    }

    /// Appends a signature block with four blank lines to sign in.
    pub fn signature(
        &mut self,
        place_date: impl Into<String>,
        role: impl Into<String>,
    ) -> &mut Document {
        self.push(Block::Signature {
            place_date: place_date.into(),
            role: role.into(),
            blank_lines: 4,
        })
    }

    /// Appends lines to fill by hand (a vote).
    pub fn vote(&mut self, lines: impl IntoIterator<Item = impl Into<String>>) -> &mut Document {
        self.push(Block::VoteBlock {
            lines: lines.into_iter().map(Into::into).collect(),
        })
    }

    /// Appends a note in small grey print.
    pub fn note(&mut self, text: impl Into<String>) -> &mut Document {
        self.push(Block::Note(text.into()))
    }

    /// Appends small line charts (two to a row in the PDF).
    pub fn charts(&mut self, charts: Vec<Chart>) -> &mut Document {
        self.push(Block::Charts(charts))
    }

    /// Appends an empty line.
    pub fn spacer(&mut self) -> &mut Document {
        self.push(Block::Spacer)
    }

    /// Starts a new page.
    pub fn page_break(&mut self) -> &mut Document {
        self.push(Block::PageBreak)
    }
}

/// The heading level a writer draws: 1 to 3.
pub(crate) fn heading_level(level: u8) -> u8 {
    level.clamp(1, 3)
}

/// The text between an article's label and its text: "Article 1er : …"
/// (a no-break space before the colon in French), nothing when the label
/// already ends with punctuation.
pub(crate) fn label_separator(label: &str, lang: Lang) -> &'static str {
    let label = label.trim_end();
    if label.is_empty() {
        ""
    } else if label.ends_with([':', '.', '–', '—', '-', ')']) {
        " "
    } else {
        lang.pick("\u{a0}: ", ": ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_append_blocks_in_order() {
        let mut doc = Document::new(Lang::Fr, "Titre");
        doc.display_title("Titre")
            .h1("Section")
            .h3("Sous-section")
            .para("Texte")
            .article("Article 1er", "approuve")
            .bullets(["a", "b"])
            .key_figures([("Coût", "1\u{a0}€")])
            .table(
                Table::new(vec![Col::left("A", 1.0)])
                    .row(["x"])
                    .total(["y"]),
            )
            .signature("Fait à X", "Le maire,")
            .vote(["Pour : ……"])
            .note("note")
            .spacer()
            .page_break();
        assert_eq!(doc.blocks.len(), 13);
        assert_eq!(
            doc.blocks[2],
            Block::Heading {
                level: 3,
                text: "Sous-section".into()
            }
        );
        assert_eq!(doc.blocks[3], Block::para("Texte"));
        let Block::Table(t) = &doc.blocks[7] else {
            panic!("a table")
        };
        assert_eq!(t.rows[1].kind, RowKind::Total);
    }

    #[test]
    fn column_shares_ignore_nonsense_widths() {
        let t = Table::new(vec![
            Col::left("A", 2.0),
            Col::right("B", f32::NAN),
            Col::right("C", -3.0),
        ]);
        assert_eq!(t.shares(), vec![0.5, 0.25, 0.25]);
    }

    #[test]
    fn total_labels_span_the_empty_left_cells_after_them() {
        let t = Table::new(vec![
            Col::left("Financeur", 2.0),
            Col::left("Dispositif", 2.0),
            Col::right("Montant", 1.0),
        ]);
        let total = TRow {
            cells: vec!["Total".into(), String::new(), "10 €".into()],
            kind: RowKind::Total,
        };
        assert_eq!(t.spans(&total), vec![2, 0, 1]);
        let body = TRow {
            kind: RowKind::Body,
            ..total
        };
        assert_eq!(t.spans(&body), vec![1, 1, 1], "body rows never merge");
        let alert = TRow {
            kind: RowKind::Alert,
            ..body
        };
        assert_eq!(t.spans(&alert), vec![1, 1, 1], "nor do alert rows");
    }

    #[test]
    fn article_labels_get_a_french_colon() {
        assert_eq!(label_separator("Article 1er", Lang::Fr), "\u{a0}: ");
        assert_eq!(label_separator("Article 1er", Lang::En), ": ");
        assert_eq!(label_separator("Article 2 –", Lang::Fr), " ");
        assert_eq!(label_separator("", Lang::Fr), "");
    }
}
