//! How PDF draws a [`Document`]: the briefs' page engine
//! ([`crate::brief::layout`]) with their letterhead, fonts, colours, tables
//! that repeat their header row across pages, and "n / N" footers.
//!
//! User text is cleaned ([`typo::clean`]: control characters become spaces,
//! invisible format characters go) and every character the font lacks prints
//! as "□" (the engine's glyph fallback). Italic is an oblique of the upright
//! face: Liberation Sans is shipped in regular and bold only. The output is
//! byte-stable for a given document and `now`.

use super::{heading_level, label_separator, Block, Document, RowKind, Run};
use crate::brief::layout::{self, colors, Align, Column, Doc, Meta, Row, Style, CONTENT_W, LEFT};
use crate::brief::{self, typo};
use crate::error::Result;
use crate::Lang;
use chrono::{DateTime, Utc};

/// Slant of the oblique drawn for italic runs (about 11°).
const ITALIC_SLANT: f32 = 0.2;
/// Space after a paragraph.
const PARA_GAP: f32 = 4.0;
/// Key figures per row of boxes.
const FIGURES_PER_ROW: usize = 4;

/// The PDF of `doc` (A4, Liberation Sans embedded as a subset), dated `now`
/// in its metadata. Fails only when the letterhead's logo is not a readable
/// PNG of at most 8 MB.
pub fn to_pdf(doc: &Document, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let lang = doc.lang;
    let mut pdf = Doc::new(lang);
    let town = doc.header.as_ref().map(|h| one_line(&h.town));
    let subject = one_line(&doc.subject);
    if let Some(h) = &doc.header {
        let logo = brief::logo(&mut pdf, h.logo_png.as_deref())?;
        brief::letterhead(
            &mut pdf,
            town.as_deref().unwrap_or(""),
            "",
            &subject,
            logo.as_ref(),
        );
    }
    for block in &doc.blocks {
        draw(&mut pdf, block, lang);
    }
    let title = one_line(&doc.title);
    let joined = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" — ")
    };
    let town = town.unwrap_or_default();
    let kind = if subject.trim().is_empty() {
        &title
    } else {
        &subject
    };
    Ok(pdf.finish_stable(&Meta {
        title: title.clone(),
        author: town.clone(),
        subject: subject.clone(),
        created: now,
        footer: joined(&[&town, kind]),
        running_head: joined(&[&town, &title]),
    }))
}

/// User text made printable, on one line.
fn one_line(s: &str) -> String {
    typo::clean(s).replace('\n', " ").trim().to_owned()
}

fn draw(pdf: &mut Doc, block: &Block, lang: Lang) {
    let body_lh = Style::BODY.line_height();
    match block {
        Block::Title(text) => {
            let style = Style::BODY.size(17.0).bold();
            pdf.heading(&typo::clean(text), style, 3.0 * body_lh, 4);
            pdf.bookmark(text);
            pdf.gap(6.0);
        }
        Block::Heading { level, text } => {
            let text = typo::clean(text);
            match heading_level(*level) {
                1 => {
                    brief::section(pdf, &text, 2.0 * body_lh);
                    pdf.bookmark(&text);
                }
                2 => {
                    pdf.gap(6.0);
                    let style = Style::BODY.size(10.5).bold();
                    pdf.heading(&text, style, 2.0 * body_lh, 3);
                }
                _ => {
                    pdf.gap(4.0);
                    let style = Style::BODY.bold().color(colors::MUTED);
                    pdf.heading(&text, style, 2.0 * body_lh, 3);
                }
            }
        }
        Block::Paragraph(runs) => {
            rich(pdf, runs, Style::BODY, 0.0);
            pdf.gap(PARA_GAP);
        }
        Block::Numbered { label, runs } => {
            let label = typo::clean(label);
            let mut all = vec![Run::bold(format!(
                "{}{}",
                label.trim_end(),
                label_separator(&label, lang)
            ))];
            all.extend(runs.iter().cloned());
            rich(pdf, &all, Style::BODY, 0.0);
            pdf.gap(PARA_GAP + 2.0);
        }
        Block::Bullets(items) => {
            let items: Vec<String> = items.iter().map(|i| typo::clean(i)).collect();
            pdf.bullets(&items, Style::BODY, colors::ACCENT);
            pdf.gap(PARA_GAP - 1.5);
        }
        Block::KeyFigures(items) => {
            let items: Vec<(String, String)> = items
                .iter()
                .map(|(l, v)| (one_line(l), typo::clean(v)))
                .collect();
            for chunk in items.chunks(FIGURES_PER_ROW) {
                brief::key_figures(pdf, chunk);
            }
        }
        Block::Table(t) => table(pdf, t),
        Block::Signature {
            place_date,
            role,
            blank_lines,
        } => signature(pdf, place_date, role, *blank_lines),
        Block::VoteBlock { lines } => vote(pdf, lines),
        Block::Note(text) => {
            pdf.paragraph(&typo::clean(text), Style::NOTE, 0.0);
            pdf.gap(PARA_GAP);
        }
        Block::Spacer => pdf.gap(body_lh),
        Block::PageBreak => {
            if !pdf.page_is_empty() {
                pdf.new_page(true);
            }
        }
    }
}

/// How a stretch of a line looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    bold: bool,
    italic: bool,
}

/// A line of a rich paragraph: stretches of text in one look each.
type RichLine = Vec<(String, Look)>;

/// Breaks runs into lines no wider than `width`, as [`layout::Fonts::wrap`]
/// breaks plain text: at spaces and line breaks, inside a word only when the
/// word alone is wider than the line; no-break spaces never break. A word
/// may change look in its middle ("**Article**s").
fn rich_lines(runs: &[Run], style: Style, width: f32) -> Vec<RichLine> {
    let fonts = layout::fonts();
    let mut chars: Vec<(char, Look)> = Vec::new();
    for run in runs {
        let look = Look {
            bold: run.bold,
            italic: run.italic,
        };
        let text = fonts.glyphable(&typo::clean(&run.text), run.bold);
        chars.extend(text.chars().map(|c| (c, look)));
    }
    let styled = |look: Look| Style {
        bold: look.bold,
        ..style
    };
    let char_w = |&(c, look): &(char, Look)| fonts.width(c.encode_utf8(&mut [0; 4]), styled(look));
    let space = fonts.width(" ", style);
    let mut lines: Vec<Vec<(char, Look)>> = Vec::new();
    for para in chars.split(|(c, _)| *c == '\n') {
        let mut line: Vec<(char, Look)> = Vec::new();
        let mut line_w = 0.0;
        for word in para.split(|(c, _)| *c == ' ').filter(|w| !w.is_empty()) {
            let ww: f32 = word.iter().map(char_w).sum();
            if !line.is_empty() && line_w + space + ww <= width {
                let look = line.last().map_or(word[0].1, |l| l.1);
                line.push((' ', look));
                line.extend_from_slice(word);
                line_w += space + ww;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if ww <= width {
                line.extend_from_slice(word);
                line_w = ww;
            } else {
                // A word wider than the line (a URL, a run of 500 letters): cut it.
                line_w = 0.0;
                for ch in word {
                    let cw = char_w(ch);
                    if line_w + cw > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(*ch);
                    line_w += cw;
                }
            }
        }
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|line| {
            let mut out: RichLine = Vec::new();
            for (c, look) in line {
                match out.last_mut() {
                    Some((text, l)) if *l == look => text.push(c),
                    _ => out.push((c.to_string(), look)),
                }
            }
            out
        })
        .collect()
}

/// A paragraph of runs from the cursor, breaking across pages (never a
/// single first line at a page bottom).
fn rich(pdf: &mut Doc, runs: &[Run], style: Style, indent: f32) {
    let lines = rich_lines(runs, style, CONTENT_W - indent);
    let lh = style.line_height();
    pdf.ensure(lh * lines.len().min(2) as f32);
    for line in lines {
        pdf.ensure(lh);
        let baseline = pdf.cursor() - lh / 2.0 - 0.33 * style.size;
        let mut x = LEFT + indent;
        for (text, look) in line {
            let s = Style {
                bold: look.bold,
                ..style
            };
            let slant = if look.italic { ITALIC_SLANT } else { 0.0 };
            x += pdf.text_run(x, baseline, &text, s, slant);
        }
        pdf.advance(lh);
    }
}

/// A table through the engine: header row repeated on each page, rows never
/// split, totals kept with the row before them.
fn table(pdf: &mut Doc, t: &super::Table) {
    if t.columns.is_empty() {
        return;
    }
    let columns = t
        .columns
        .iter()
        .zip(t.shares())
        .map(|(c, share)| Column {
            title: one_line(&c.title),
            share,
            align: if c.right_align {
                Align::Right
            } else {
                Align::Left
            },
        })
        .collect();
    let rows = t
        .rows
        .iter()
        .map(|r| Row {
            cells: r.cells.iter().map(|c| typo::clean(c)).collect(),
            kind: match r.kind {
                RowKind::Body => layout::RowKind::Body,
                RowKind::Subtotal => layout::RowKind::Subtotal,
                RowKind::Total => layout::RowKind::Total,
            },
        })
        .collect();
    pdf.gap(2.0);
    pdf.table(&layout::Table {
        columns,
        rows,
        size: 9.0,
        // A row of 30 lines still fits on a page; longer cells end with "…".
        max_cell_lines: 30,
    });
    pdf.gap(4.0);
}

/// The place and date, the role in bold and room to sign, on the right half
/// of the page, kept together.
fn signature(pdf: &mut Doc, place_date: &str, role: &str, blank_lines: u8) {
    let fonts = pdf.fonts;
    let indent = CONTENT_W / 2.0;
    let style = Style::BODY;
    let lh = style.line_height();
    let width = CONTENT_W - indent;
    let place = typo::clean(place_date);
    let role = typo::clean(role);
    let place_lines = if place.trim().is_empty() {
        Vec::new()
    } else {
        fonts.wrap(place.trim(), style, width)
    };
    let role_lines = if role.trim().is_empty() {
        Vec::new()
    } else {
        fonts.wrap(role.trim(), style.bold(), width)
    };
    let blank = f32::from(blank_lines.min(12)) * lh;
    pdf.gap(lh);
    pdf.ensure((place_lines.len() + role_lines.len()) as f32 * lh + blank);
    pdf.lines(place_lines, style, indent, Align::Left);
    pdf.lines(role_lines, style.bold(), indent, Align::Left);
    pdf.gap(blank);
}

/// Lines to fill by hand, well spaced and kept together.
fn vote(pdf: &mut Doc, lines: &[String]) {
    let fonts = pdf.fonts;
    let style = Style::BODY;
    let lh = style.line_height();
    let step = 0.9 * lh;
    let indent = 12.0;
    let wrapped: Vec<Vec<String>> = lines
        .iter()
        .map(|l| fonts.wrap(&typo::clean(l), style, CONTENT_W - indent))
        .collect();
    let h: f32 = wrapped.iter().map(|w| w.len() as f32 * lh + step).sum();
    pdf.gap(4.0);
    pdf.ensure(h);
    for w in wrapped {
        pdf.lines(w, style, indent, Align::Left);
        pdf.gap(step);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Col, Letterhead, Table};
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 3, 10, 0, 0).unwrap()
    }

    fn sample() -> Document {
        let mut doc = Document::new(Lang::Fr, "Délibération n°\u{a0}2027-014");
        doc.subject = "Délibération du conseil municipal".into();
        doc.header = Some(Letterhead::new("Commune de Saint-Loup-sur-Semouse"));
        doc.display_title("Demande de subvention")
            .h1("Plan de financement")
            .runs(vec![
                Run::plain("Le conseil, "),
                Run::bold("après en avoir délibéré"),
                Run::italic(", décide."),
            ])
            .table(
                Table::new(vec![
                    Col::left("Financeur", 3.0),
                    Col::right("Montant", 1.0),
                ])
                .row(["État", "102\u{202f}000\u{a0}€"])
                .total(["Total", "255\u{202f}000\u{a0}€"]),
            )
            .signature("Fait à Saint-Loup", "Le maire,");
        doc
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let a = to_pdf(&sample(), now()).unwrap();
        let b = to_pdf(&sample(), now()).unwrap();
        assert!(a.starts_with(b"%PDF-"), "a PDF");
        assert!(a == b, "byte-stable for a given `now`");
        let later = to_pdf(&sample(), now() + chrono::Duration::days(1)).unwrap();
        assert!(later != a, "`now` is written in the metadata");
    }

    #[test]
    fn runs_wrap_within_the_width_and_keep_their_look() {
        let fonts = layout::fonts();
        let runs = vec![
            Run::plain("Le conseil municipal, "),
            Run::bold("après en avoir délibéré à l'unanimité"),
            Run::plain(", "),
            Run::italic("approuve ".repeat(12)),
            Run::plain("x".repeat(300)),
        ];
        let width = 200.0;
        let lines = rich_lines(&runs, Style::BODY, width);
        assert!(lines.len() > 5, "{lines:?}");
        for line in &lines {
            let w: f32 = line
                .iter()
                .map(|(t, l)| fonts.width(t, Style::BODY.bold_if(l.bold)))
                .sum();
            assert!(w <= width + 0.01, "line {line:?} is {w} pt wide");
        }
        assert_eq!(lines[0][0].0, "Le conseil municipal, ");
        assert!(
            lines[0][1].1.bold && lines[0][1].0.starts_with("après"),
            "the bold run follows on the same line: {:?}",
            lines[0]
        );
        assert!(
            lines
                .iter()
                .flatten()
                .any(|(t, l)| l.italic && t.contains("approuve")),
            "italic runs stay italic"
        );
    }

    #[test]
    fn line_breaks_in_runs_are_kept_and_controls_cleaned() {
        let lines = rich_lines(&[Run::plain("un\ndeux\u{7}trois")], Style::BODY, CONTENT_W);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(texts, vec!["un", "deux trois"]);
    }

    #[test]
    fn a_logo_that_is_not_a_png_is_refused() {
        let mut doc = sample();
        doc.header = Some(Letterhead::new("Commune").with_logo(b"GIF89a".to_vec()));
        let err = to_pdf(&doc, now()).unwrap_err();
        assert_eq!(err.code(), "invalid");
    }

    trait BoldIf {
        fn bold_if(self, bold: bool) -> Self;
    }
    impl BoldIf for Style {
        fn bold_if(self, bold: bool) -> Style {
            Style { bold, ..self }
        }
    }
}
