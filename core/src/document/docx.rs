//! How Word draws a [`Document`]: a `.docx` built with `docx-rs`, made for
//! the secretary to edit and restyle. Every paragraph carries a named style
//! defined in the file (Title, Heading 1–3, Body Text, List Bullet, Note,
//! Signature, the letterhead's and the tables' own), so changing a style
//! changes the whole document. Tables are real tables: a header row that
//! Word repeats on each page, borders, amounts aligned right, bold totals.
//! The page is A4 with the briefs' margins, page numbers "n / N" in the
//! footer, and the document language is set on the default run properties.
//!
//! Three things `docx-rs` 0.4 cannot write are added to its XML parts after
//! it built them: the document language (`w:lang`), the repeating header
//! rows (`w:tblHeader`) and the core properties (title, subject, author,
//! language). The additions are fixed markup, never user text.
//!
//! User text stays text: `docx-rs` escapes `<`, `&` and quotes; characters
//! XML 1.0 forbids (C0 controls but tab and line feed, U+FFFE, U+FFFF) and
//! other control characters are dropped; line breaks become `w:br` and tabs
//! `w:tab`.

use super::{heading_level, label_separator, Block, Document, Letterhead, RowKind, Run};
use crate::error::{Error, Problem, Result};
use crate::Lang;
use docx_rs as w;
use std::io::Cursor;

/// A4 in twentieths of a point.
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
/// Left and right margins: 22 mm, as the PDF.
const MARGIN_X: u32 = 1_247;
/// Width between the margins.
const TEXT_W: u32 = PAGE_W - 2 * MARGIN_X;
/// EMUs per point (pictures).
const EMU_PER_PT: f32 = 12_700.0;

/// The palette of the briefs (`brief::layout::colors`), as Word writes it.
mod ink {
    pub const INK: &str = "1D222B";
    pub const MUTED: &str = "5B636E";
    pub const ACCENT: &str = "1F3A60";
    pub const ACCENT_TINT: &str = "E8EEF5";
    pub const RULE: &str = "C9CFD6";
    pub const WHITE: &str = "FFFFFF";
    pub const WARN_TINT: &str = "FDF3E7";
}

/// Style ids, as Word names its built-in styles where there is one.
mod id {
    pub const BODY: &str = "BodyText";
    pub const TITLE: &str = "Title";
    pub const HEADINGS: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
    pub const BULLET: &str = "ListBullet";
    pub const NOTE: &str = "Note";
    pub const ARTICLE: &str = "Article";
    pub const SIGNATURE: &str = "Signature";
    pub const VOTE: &str = "VoteLine";
    pub const TABLE_TEXT: &str = "TableText";
    pub const TABLE_HEAD: &str = "TableHeading";
    pub const FIGURE_LABEL: &str = "KeyFigureLabel";
    pub const FIGURE_VALUE: &str = "KeyFigureValue";
    pub const TOWN: &str = "TownName";
    pub const PROGRAMME: &str = "LetterheadLine";
    pub const KIND: &str = "DocumentKind";
    pub const FOOTER: &str = "Footer";
}

/// The numbering (abstract and concrete) of bullet lists; 1 is docx-rs's
/// own default numbering.
const BULLET_NUMBERING: usize = 2;

/// The `.docx` of `doc`. Fails only when the letterhead's logo is not a
/// readable PNG of at most 8 MB (the same rule as the PDF).
pub fn to_docx(doc: &Document) -> Result<Vec<u8>> {
    let lang = doc.lang;
    let mut out = Writer {
        docx: base(lang),
        lang,
        header_rows: Vec::new(),
        bullets: false,
    };
    let subject = one_line(&doc.subject);
    if let Some(h) = &doc.header {
        out.letterhead(h, &subject)?;
    }
    for block in &doc.blocks {
        out.block(block);
    }
    let town = doc.header.as_ref().map(|h| one_line(&h.town));
    // As on the PDF: the town and the kind of document (or its title).
    let kind = if subject.is_empty() {
        one_line(&doc.title)
    } else {
        subject.clone()
    };
    let footer_text = [town.as_deref().unwrap_or(""), &kind]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" — ");
    let Writer {
        mut docx,
        header_rows,
        bullets,
        ..
    } = out;
    docx = docx.footer(footer(&footer_text));
    if bullets {
        docx.document_rels.has_numberings = true;
    }
    let mut xml = docx.build();
    xml.styles = with_language(&normal_by_default(&xml.styles), lang);
    xml.document = with_header_rows(&xml.document, &header_rows);
    xml.doc_props.core = core_properties(doc, town.as_deref());
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|e| Error::io("document.docx", std::io::Error::other(e)))?;
    Ok(bytes.into_inner())
}

/// `s` with what XML 1.0 cannot hold removed: control characters other than
/// tab and line feed (a carriage return before a line feed goes, a lone one
/// becomes a line feed, as do U+0085, U+2028 and U+2029) and the
/// non-characters U+FFFE and U+FFFF.
pub(crate) fn xml_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{fffe}' | '\u{ffff}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// User text on one line, trimmed and safe.
fn one_line(s: &str) -> String {
    xml_safe(s).replace(['\n', '\t'], " ").trim().to_owned()
}

/// A run of user text: line breaks become `w:br`, tabs `w:tab`.
fn text_run(text: &str, bold: bool, italic: bool) -> w::Run {
    let mut run = w::Run::new();
    if bold {
        run = run.bold();
    }
    if italic {
        run = run.italic();
    }
    for (i, line) in xml_safe(text).split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(w::BreakType::TextWrapping);
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !part.is_empty() {
                run = run.add_text(part);
            }
        }
    }
    run
}

fn para(style: &str) -> w::Paragraph {
    w::Paragraph::new().style(style)
}

fn spacing(before: u32, after: u32) -> w::LineSpacing {
    w::LineSpacing::new().before(before).after(after)
}

/// A paragraph style based on `based_on` (Word's "Normal" when `None`).
fn style(id: &str, name: &str, based_on: Option<&str>) -> w::Style {
    let s = w::Style::new(id, w::StyleType::Paragraph).name(name);
    s.based_on(based_on.unwrap_or("Normal"))
}

/// Shown in capitals, typed as is.
fn caps(mut s: w::Style) -> w::Style {
    s.run_property = s.run_property.caps();
    s
}

fn keep_next(mut s: w::Style) -> w::Style {
    s.paragraph_property = s.paragraph_property.keep_next(true);
    s
}

/// The styles of the document: Word's built-in names where one exists (Word
/// and LibreOffice show them translated), French names for the others.
fn styles(lang: Lang) -> Vec<w::Style> {
    let body = style(id::BODY, "Body Text", None)
        .size(20)
        .color(ink::INK)
        .line_spacing(
            spacing(0, 120)
                .line(264)
                .line_rule(w::LineSpacingType::Auto),
        )
        .next(id::BODY);
    let title = keep_next(
        style(id::TITLE, "Title", None)
            .size(34)
            .bold()
            .color(ink::INK)
            .line_spacing(spacing(120, 200))
            .next(id::BODY),
    );
    let heading = |level: usize, size: usize, color: &str, before: u32, after: u32| {
        keep_next(
            style(id::HEADINGS[level - 1], &format!("heading {level}"), None)
                .size(size)
                .bold()
                .color(color)
                .line_spacing(spacing(before, after))
                .outline_lvl(level - 1)
                .next(id::BODY),
        )
    };
    let name = |fr: &str, en: &str| lang.pick(fr, en).to_owned();
    let mut signature = keep_next(
        style(id::SIGNATURE, "Signature", Some(id::BODY))
            .line_spacing(spacing(0, 0))
            .indent(Some((TEXT_W / 2) as i32), None, None, None),
    );
    signature.paragraph_property = signature.paragraph_property.keep_lines(true);
    let kind = style(id::KIND, &name("Nature du document", "Document kind"), None)
        .size(17)
        .bold()
        .color(ink::MUTED)
        .line_spacing(spacing(120, 360))
        .next(id::BODY);
    // Capitals by the style, so the text stays as typed.
    let mut kind = caps(kind);
    // The rule under the letterhead, as on the PDF: a top border only.
    kind.paragraph_property = kind.paragraph_property.set_borders(
        w::ParagraphBorders::with_empty().set(
            w::ParagraphBorder::new(w::ParagraphBorderPosition::Top)
                .val(w::BorderType::Single)
                .size(10)
                .space(12)
                .color(ink::ACCENT),
        ),
    );
    vec![
        body,
        title,
        heading(1, 24, ink::ACCENT, 300, 100),
        heading(2, 21, ink::INK, 220, 80),
        heading(3, 20, ink::MUTED, 180, 60),
        style(id::BULLET, "List Bullet", Some(id::BODY)).line_spacing(spacing(0, 60)),
        style(id::NOTE, &name("Note", "Note"), Some(id::BODY))
            .size(17)
            .color(ink::MUTED)
            .line_spacing(spacing(0, 100)),
        style(id::ARTICLE, &name("Article", "Article"), Some(id::BODY))
            .line_spacing(spacing(0, 160)),
        signature,
        keep_next(
            style(
                id::VOTE,
                &name("Ligne de vote", "Vote line"),
                Some(id::BODY),
            )
            .line_spacing(spacing(0, 220))
            .indent(Some(240), None, None, None),
        ),
        style(
            id::TABLE_TEXT,
            &name("Texte de tableau", "Table text"),
            Some(id::BODY),
        )
        .size(18)
        .line_spacing(
            spacing(40, 40)
                .line(240)
                .line_rule(w::LineSpacingType::Auto),
        ),
        style(
            id::TABLE_HEAD,
            &name("En-tête de tableau", "Table heading"),
            Some(id::TABLE_TEXT),
        )
        .size(17)
        .bold()
        .color(ink::ACCENT),
        caps(
            style(
                id::FIGURE_LABEL,
                &name("Chiffre clé – intitulé", "Key figure – label"),
                Some(id::TABLE_TEXT),
            )
            .size(14)
            .bold()
            .color(ink::MUTED)
            .line_spacing(spacing(60, 20)),
        ),
        style(
            id::FIGURE_VALUE,
            &name("Chiffre clé – valeur", "Key figure – value"),
            Some(id::TABLE_TEXT),
        )
        .size(21)
        .bold()
        .color(ink::ACCENT)
        .line_spacing(spacing(0, 80)),
        style(id::TOWN, &name("Nom de la commune", "Town name"), None)
            .size(28)
            .bold()
            .color(ink::ACCENT)
            .line_spacing(spacing(0, 20)),
        style(
            id::PROGRAMME,
            &name("Mention de l'en-tête", "Letterhead line"),
            None,
        )
        .size(17)
        .color(ink::MUTED)
        .line_spacing(spacing(0, 0)),
        kind,
        style(id::FOOTER, "footer", None)
            .size(15)
            .color(ink::MUTED)
            .line_spacing(spacing(0, 0)),
    ]
}

/// The empty document: A4, margins, fonts, styles, the bullet numbering.
fn base(lang: Lang) -> w::Docx {
    // Arial: Word has it everywhere, and LibreOffice draws it with the
    // metric-compatible Liberation Sans of the PDF.
    let fonts = w::RunFonts::new()
        .ascii("Arial")
        .hi_ansi("Arial")
        .cs("Arial")
        .east_asia("Arial");
    let mut docx = w::Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            w::PageMargin::new()
                .top(1_134)
                .bottom(1_247)
                .left(MARGIN_X as i32)
                .right(MARGIN_X as i32)
                .header(567)
                .footer(567),
        )
        .default_fonts(fonts)
        .default_size(20)
        .add_abstract_numbering(
            w::AbstractNumbering::new(BULLET_NUMBERING).add_level(
                w::Level::new(
                    0,
                    w::Start::new(1),
                    w::NumberFormat::new("bullet"),
                    w::LevelText::new("•"),
                    w::LevelJc::new("left"),
                )
                .indent(
                    Some(360),
                    Some(w::SpecialIndentType::Hanging(240)),
                    None,
                    None,
                )
                .color(ink::ACCENT),
            ),
        )
        .add_numbering(w::Numbering::new(BULLET_NUMBERING, BULLET_NUMBERING));
    for s in styles(lang) {
        docx = docx.add_style(s);
    }
    docx
}

/// The footer: the document's line at the left, "n / N" at the right.
fn footer(text: &str) -> w::Footer {
    w::Footer::new().add_paragraph(
        para(id::FOOTER)
            .add_tab(
                w::Tab::new()
                    .val(w::TabValueType::Right)
                    .pos(TEXT_W as usize),
            )
            .add_run(w::Run::new().add_text(text))
            .add_run(w::Run::new().add_tab())
            .add_page_num(w::PageNum::new())
            .add_run(w::Run::new().add_text(" / "))
            .add_num_pages(w::NumPages::new()),
    )
}

/// The document being written, and what the XML needs afterwards.
struct Writer {
    docx: w::Docx,
    lang: Lang,
    /// One entry per table in document order: does its first row repeat
    /// on each page?
    header_rows: Vec<bool>,
    /// A bullet list was written (numbering.xml must be linked).
    bullets: bool,
}

impl Writer {
    fn paragraph(&mut self, p: w::Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    fn table(&mut self, t: w::Table, header_row: bool) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(t);
        self.header_rows.push(header_row);
    }

    /// The town's name and the programme, after the logo when there is one
    /// (side by side, in a borderless table), then the kind of document
    /// under a rule, as the PDF briefs' letterhead.
    fn letterhead(&mut self, h: &Letterhead, subject: &str) -> Result<()> {
        let town = para(id::TOWN).add_run(text_run(&one_line(&h.town), false, false));
        let programme = para(id::PROGRAMME).add_run(text_run(
            self.lang.pick(
                "Petites villes de demain",
                "Petites villes de demain programme",
            ),
            false,
            false,
        ));
        match h.logo_png.as_deref() {
            None => {
                self.paragraph(town);
                self.paragraph(programme);
            }
            Some(png) => {
                let (px_w, px_h) = png_size(png)?;
                // Within 110 × 40 pt, as on the PDF.
                let scale = (40.0 / px_h as f32).min(110.0 / px_w as f32);
                let (w_pt, h_pt) = (px_w as f32 * scale, px_h as f32 * scale);
                let pic = w::Pic::new_with_dimensions(png.to_vec(), px_w, px_h)
                    .id("rIdImage1")
                    .size((w_pt * EMU_PER_PT) as u32, (h_pt * EMU_PER_PT) as u32);
                let logo_w = (w_pt * 20.0) as usize + 240;
                let text_w = (TEXT_W as usize).saturating_sub(logo_w);
                let row = w::TableRow::new(vec![
                    w::TableCell::new()
                        .width(logo_w, w::WidthType::Dxa)
                        .vertical_align(w::VAlignType::Center)
                        .add_paragraph(
                            para(id::PROGRAMME)
                                .line_spacing(spacing(0, 0))
                                .add_run(w::Run::new().add_image(pic)),
                        ),
                    w::TableCell::new()
                        .width(text_w, w::WidthType::Dxa)
                        .vertical_align(w::VAlignType::Center)
                        .add_paragraph(town)
                        .add_paragraph(programme),
                ]);
                let t = w::Table::without_borders(vec![row])
                    .set_grid(vec![logo_w, text_w])
                    .width(TEXT_W as usize, w::WidthType::Dxa)
                    .layout(w::TableLayoutType::Fixed)
                    .margins(w::TableCellMargins::new().margin(0, 0, 0, 0));
                self.table(t, false);
            }
        }
        self.paragraph(para(id::KIND).add_run(text_run(subject, false, false)));
        Ok(())
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title(text) => {
                self.paragraph(para(id::TITLE).add_run(text_run(text, false, false)));
            }
            Block::Heading { level, text } => {
                let style = id::HEADINGS[usize::from(heading_level(*level)) - 1];
                self.paragraph(para(style).add_run(text_run(text, false, false)));
            }
            Block::Paragraph(runs) => self.paragraph(runs_para(id::BODY, runs)),
            Block::Numbered { label, runs } => {
                let label = one_line(label);
                let head = Run::bold(format!("{label}{}", label_separator(&label, self.lang)));
                let all: Vec<Run> = std::iter::once(head).chain(runs.iter().cloned()).collect();
                self.paragraph(runs_para(id::ARTICLE, &all));
            }
            Block::Bullets(items) => {
                self.bullets |= !items.is_empty();
                // A short list stays on one page.
                let keep = items.len() <= 6;
                for (i, item) in items.iter().enumerate() {
                    self.paragraph(
                        para(id::BULLET)
                            .numbering(
                                w::NumberingId::new(BULLET_NUMBERING),
                                w::IndentLevel::new(0),
                            )
                            .keep_next(keep && i + 1 < items.len())
                            .add_run(text_run(item, false, false)),
                    );
                }
            }
            Block::KeyFigures(items) => {
                if !items.is_empty() {
                    self.table(key_figures(items), false);
                    self.paragraph(para(id::BODY).line_spacing(spacing(0, 0)).size(8));
                }
            }
            Block::Table(t) => {
                if !t.columns.is_empty() {
                    self.table(table(t), true);
                    self.paragraph(para(id::BODY).line_spacing(spacing(0, 60)).size(8));
                }
            }
            Block::Signature {
                place_date,
                role,
                blank_lines,
            } => {
                self.paragraph(para(id::BODY));
                let place = one_line(place_date);
                if !place.is_empty() {
                    self.paragraph(para(id::SIGNATURE).add_run(text_run(&place, false, false)));
                }
                let mut role = para(id::SIGNATURE).add_run(text_run(role.trim(), true, false));
                if *blank_lines == 0 {
                    role = role.keep_next(false);
                }
                self.paragraph(role);
                let blanks = usize::from((*blank_lines).min(12));
                for i in 0..blanks {
                    self.paragraph(para(id::SIGNATURE).keep_next(i + 1 < blanks));
                }
            }
            Block::VoteBlock { lines } => {
                for (i, line) in lines.iter().enumerate() {
                    let mut p = para(id::VOTE).add_run(text_run(line, false, false));
                    if i + 1 == lines.len() {
                        p = p.keep_next(false);
                    }
                    self.paragraph(p);
                }
            }
            Block::Note(text) => {
                self.paragraph(para(id::NOTE).add_run(text_run(text, false, false)))
            }
            Block::Charts(list) => {
                for c in list {
                    self.chart(c);
                }
            }
            Block::Spacer => self.paragraph(para(id::BODY)),
            Block::PageBreak => {
                self.paragraph(para(id::BODY).add_run(w::Run::new().add_break(w::BreakType::Page)))
            }
        }
    }
}

impl Writer {
    /// A chart as Word can hold it without drawing: its title, its caption
    /// and a small table of the baseline, the readings and the target.
    fn chart(&mut self, c: &super::Chart) {
        let lang = self.lang;
        self.paragraph(para(id::BODY).keep_next(true).add_run(text_run(
            &one_line(&c.title),
            true,
            false,
        )));
        if !c.caption.trim().is_empty() {
            self.paragraph(para(id::NOTE).keep_next(true).add_run(text_run(
                &one_line(&c.caption),
                false,
                false,
            )));
        }
        let unit = one_line(&c.unit);
        let value = if unit.is_empty() {
            lang.pick("Valeur", "Value").to_owned()
        } else {
            format!("{} ({unit})", lang.pick("Valeur", "Value"))
        };
        let mut t = super::Table::new(vec![
            super::Col::left("", 1.6),
            super::Col::left(lang.pick("Date", "Date"), 2.0),
            super::Col::right(value, 1.4),
        ]);
        let row = |what: &str, p: &super::ChartPoint| {
            vec![what.to_owned(), p.date_text.clone(), p.value_text.clone()]
        };
        if let Some(b) = &c.baseline {
            t = t.row(row(lang.pick("Référence", "Baseline"), b));
        }
        for r in &c.readings {
            t = t.row(row(lang.pick("Mesure", "Reading"), r));
        }
        if let Some(g) = &c.target {
            t = t.row(row(lang.pick("Cible", "Target"), g));
        }
        if !t.rows.is_empty() {
            self.table(table(&t), true);
        }
        self.paragraph(para(id::BODY).line_spacing(spacing(0, 60)).size(8));
    }
}

fn runs_para(style: &str, runs: &[Run]) -> w::Paragraph {
    runs.iter()
        .filter(|r| !r.text.is_empty())
        .fold(para(style), |p, r| {
            p.add_run(text_run(&r.text, r.bold, r.italic))
        })
}

/// Widths in twips from relative shares, summing to the text width.
fn grid(shares: &[f32]) -> Vec<usize> {
    let mut widths: Vec<usize> = shares
        .iter()
        .map(|s| (s * TEXT_W as f32).round().max(1.0) as usize)
        .collect();
    let sum: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last = (*last + TEXT_W as usize).saturating_sub(sum).max(1);
    }
    widths
}

fn border(position: w::TableBorderPosition, size: usize, color: &str) -> w::TableBorder {
    w::TableBorder::new(position)
        .border_type(w::BorderType::Single)
        .size(size)
        .color(color)
}

/// A data table: header row (repeated on each page, added after the build),
/// rows that never split, amounts right-aligned, subtotals bold, the total
/// bold on a tint; a total's label runs over the empty cells after it.
fn table(t: &super::Table) -> w::Table {
    use w::TableBorderPosition as P;
    let widths = grid(&t.shares());
    let align = |j: usize| {
        if t.columns[j].right_align {
            w::AlignmentType::Right
        } else {
            w::AlignmentType::Left
        }
    };
    let tint = || w::Shading::new().fill(ink::ACCENT_TINT);
    let header = w::TableRow::new(
        t.columns
            .iter()
            .enumerate()
            .map(|(j, c)| {
                w::TableCell::new()
                    .width(widths[j], w::WidthType::Dxa)
                    .shading(tint())
                    .vertical_align(w::VAlignType::Bottom)
                    .add_paragraph(
                        para(id::TABLE_HEAD)
                            .align(align(j))
                            .add_run(text_run(&c.title, false, false)),
                    )
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for r in &t.rows {
        let spans = t.spans(r);
        let bold = r.kind != RowKind::Body;
        let mut cells = Vec::new();
        for (j, &span) in spans.iter().enumerate() {
            if span == 0 {
                continue;
            }
            let text = r.cells.get(j).map(String::as_str).unwrap_or("");
            let width: usize = widths[j..j + span].iter().sum();
            let mut cell = w::TableCell::new()
                .width(width, w::WidthType::Dxa)
                .add_paragraph(
                    para(id::TABLE_TEXT)
                        .align(align(j))
                        .add_run(text_run(text, bold, false)),
                );
            if span > 1 {
                cell = cell.grid_span(span);
            }
            if r.kind == RowKind::Total {
                cell = cell.shading(tint());
            }
            if r.kind == RowKind::Alert {
                cell = cell.shading(w::Shading::new().fill(ink::WARN_TINT));
            }
            cells.push(cell);
        }
        rows.push(w::TableRow::new(cells).cant_split());
    }
    let borders = w::TableBorders::with_empty()
        .set(border(P::Top, 8, ink::ACCENT))
        .set(border(P::Bottom, 8, ink::ACCENT))
        .set(border(P::InsideH, 4, ink::RULE))
        .set(border(P::InsideV, 4, ink::RULE))
        .clear(P::Left)
        .clear(P::Right);
    w::Table::new(rows)
        .set_grid(widths)
        .width(TEXT_W as usize, w::WidthType::Dxa)
        .layout(w::TableLayoutType::Fixed)
        .set_borders(borders)
        .margins(w::TableCellMargins::new().margin(30, 100, 30, 100))
}

/// Key figures as tinted boxes, four to a row: label above, value below.
fn key_figures(items: &[(String, String)]) -> w::Table {
    let per_row = items.len().clamp(1, 4);
    let widths = grid(&vec![1.0 / per_row as f32; per_row]);
    let rows = items
        .chunks(per_row)
        .map(|chunk| {
            let mut cells: Vec<w::TableCell> = chunk
                .iter()
                .enumerate()
                .map(|(j, (label, value))| {
                    w::TableCell::new()
                        .width(widths[j], w::WidthType::Dxa)
                        .shading(w::Shading::new().fill(ink::ACCENT_TINT))
                        .add_paragraph(para(id::FIGURE_LABEL).add_run(text_run(
                            &one_line(label),
                            false,
                            false,
                        )))
                        .add_paragraph(
                            para(id::FIGURE_VALUE).add_run(text_run(value, false, false)),
                        )
                })
                .collect();
            // A short last row keeps the grid: empty cells without tint.
            for &width in &widths[chunk.len()..] {
                cells.push(
                    w::TableCell::new()
                        .width(width, w::WidthType::Dxa)
                        .add_paragraph(para(id::FIGURE_VALUE)),
                );
            }
            w::TableRow::new(cells).cant_split()
        })
        .collect();
    use w::TableBorderPosition as P;
    // White borders draw the gaps between the boxes.
    let gap = |p| border(p, 24, ink::WHITE);
    let borders = w::TableBorders::with_empty()
        .set(gap(P::InsideV))
        .set(gap(P::InsideH))
        .clear(P::Top)
        .clear(P::Bottom)
        .clear(P::Left)
        .clear(P::Right);
    w::Table::new(rows)
        .set_grid(widths)
        .width(TEXT_W as usize, w::WidthType::Dxa)
        .layout(w::TableLayoutType::Fixed)
        .set_borders(borders)
        .margins(w::TableCellMargins::new().margin(40, 120, 40, 120))
}

/// The size in pixels of a PNG the PDF would accept too (decoded once to
/// check it); the same refusals and wording as the PDF briefs.
fn png_size(bytes: &[u8]) -> Result<(u32, u32)> {
    if bytes.len() > 8 * 1024 * 1024 {
        return Err(Error::invalid(Problem::new(
            "logo",
            "Logo : le fichier dépasse 8 Mo ; choisissez une image PNG plus légère",
            "Logo: the file is over 8 MB; choose a lighter PNG image",
        )));
    }
    let unreadable = || {
        Error::invalid(Problem::new(
            "logo",
            "Logo : le fichier n'est pas une image PNG lisible",
            "Logo: the file is not a readable PNG image",
        ))
    };
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(unreadable());
    }
    let mut warnings = Vec::new();
    let img =
        printpdf::RawImage::decode_from_bytes(bytes, &mut warnings).map_err(|_| unreadable())?;
    match (u32::try_from(img.width), u32::try_from(img.height)) {
        (Ok(w), Ok(h)) if w > 0 && h > 0 => Ok((w, h)),
        _ => Err(unreadable()),
    }
}

/// `styles.xml` with "Normal" marked as the default paragraph style (docx-rs
/// writes it without `w:default`; readers then find no default style).
fn normal_by_default(styles: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(styles)
        .replacen(
            r#"<w:style w:type="paragraph" w:styleId="Normal">"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#,
            1,
        )
        .into_bytes()
}

/// `styles.xml` with the document language on the default run properties
/// (docx-rs has no `w:lang`).
fn with_language(styles: &[u8], lang: Lang) -> Vec<u8> {
    let tag = match lang {
        Lang::Fr => r#"<w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA" />"#,
        Lang::En => r#"<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA" />"#,
    };
    let xml = String::from_utf8_lossy(styles);
    let Some(start) = xml.find("<w:rPrDefault>") else {
        return styles.to_vec();
    };
    let rest = &xml[start..];
    // `w:lang` comes last among these run properties (after `w:sz`).
    let out = if let Some(at) = rest.find("</w:rPr></w:rPrDefault>") {
        format!("{}{tag}{}", &xml[..start + at], &xml[start + at..])
    } else if let Some(at) = rest.find("<w:rPr />") {
        let at = start + at;
        format!(
            "{}<w:rPr>{tag}</w:rPr>{}",
            &xml[..at],
            &xml[at + "<w:rPr />".len()..]
        )
    } else {
        return styles.to_vec();
    };
    out.into_bytes()
}

/// `document.xml` with `w:tblHeader` on the first row of each table whose
/// flag is set (docx-rs has no repeating header rows). User text cannot
/// fake the markup searched for: docx-rs escapes `<`.
fn with_header_rows(document: &[u8], flags: &[bool]) -> Vec<u8> {
    const TABLE: &str = "<w:tbl>";
    const ROW_PROPS: &str = "<w:trPr>";
    let xml = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(xml.len() + 32 * flags.len());
    let mut rest: &str = &xml;
    let mut index = 0;
    while let Some(at) = rest.find(TABLE) {
        let (before, from_table) = rest.split_at(at + TABLE.len());
        out.push_str(before);
        rest = from_table;
        if flags.get(index).copied().unwrap_or(false) {
            if let Some(p) = rest.find(ROW_PROPS) {
                let (head, tail) = rest.split_at(p + ROW_PROPS.len());
                out.push_str(head);
                out.push_str("<w:tblHeader />");
                rest = tail;
            }
        }
        index += 1;
    }
    out.push_str(rest);
    out.into_bytes()
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `docProps/core.xml`: title, subject, author (the town), language. No
/// dates: the writer is not given the time, and a false one would mislead.
fn core_properties(doc: &Document, town: Option<&str>) -> Vec<u8> {
    let field = |tag: &str, value: &str| {
        if value.is_empty() {
            String::new()
        } else {
            format!("<{tag}>{}</{tag}>", xml_escape(value))
        }
    };
    let language = match doc.lang {
        Lang::Fr => "fr-FR",
        Lang::En => "en-GB",
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "{title}{subject}{creator}<dc:language>{language}</dc:language>",
            "<cp:lastModifiedBy>Bourgade</cp:lastModifiedBy><cp:revision>1</cp:revision>",
            "</cp:coreProperties>"
        ),
        title = field("dc:title", &one_line(&doc.title)),
        subject = field("dc:subject", &one_line(&doc.subject)),
        creator = field("dc:creator", town.unwrap_or("Bourgade")),
        language = language,
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::super::{Col, Table};
    use super::*;
    use std::io::Read;

    /// The text of one part of the `.docx`.
    fn part(docx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
        let mut s = String::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("{name} is in the archive"))
            .read_to_string(&mut s)
            .unwrap();
        s
    }

    #[test]
    fn a_chart_becomes_its_title_and_a_table_of_values() {
        let point = |d: &str, v: &str| super::super::ChartPoint {
            date: None,
            value: 1.0,
            date_text: d.into(),
            value_text: v.into(),
        };
        let mut doc = Document::new(Lang::Fr, "Indicateurs");
        doc.charts(vec![super::super::Chart {
            title: "Vacance <commerciale> & co".into(),
            caption: "Avancement 67,7 %".into(),
            unit: "%".into(),
            readings: vec![point("30 juin 2026", "14,1")],
            baseline: Some(point("30 juin 2022", "18,5")),
            target: Some(point("31 décembre 2026", "12")),
        }]);
        let xml = part(&to_docx(&doc).unwrap(), "word/document.xml");
        assert!(
            xml.contains("Vacance &lt;commerciale&gt; &amp; co"),
            "the title as text"
        );
        assert!(
            xml.contains("Valeur (%)"),
            "the unit heads the value column"
        );
        // Baseline, readings, target, in that order.
        let mut at = 0;
        for t in [
            "Référence",
            "30 juin 2022",
            "18,5",
            "Mesure",
            "14,1",
            "Cible",
            "31 décembre 2026",
        ] {
            at += xml[at..]
                .find(&format!(">{t}<"))
                .unwrap_or_else(|| panic!("{t} comes next"));
        }
    }

    fn sample() -> Document {
        let mut doc = Document::new(Lang::Fr, "Délibération <n° 1> & « test »");
        doc.subject = "Délibération du conseil municipal".into();
        doc.header = Some(Letterhead::new("Commune de Saint-Loup-sur-Semouse"));
        doc.display_title("Demande de subvention")
            .h1("Plan de financement")
            .h2("Dépenses")
            .para("Texte")
            .bullets(["un", "deux"])
            .table(
                Table::new(vec![
                    Col::left("Financeur", 3.0),
                    Col::right("Montant", 1.0),
                ])
                .row(["État", "102\u{202f}000\u{a0}€"])
                .total(["Total", "255\u{202f}000\u{a0}€"]),
            );
        doc
    }

    #[test]
    fn styles_are_defined_and_used_by_name() {
        let bytes = to_docx(&sample()).unwrap();
        let styles = part(&bytes, "word/styles.xml");
        for (id, name) in [
            ("Title", "Title"),
            ("Heading1", "heading 1"),
            ("Heading2", "heading 2"),
            ("Heading3", "heading 3"),
            ("BodyText", "Body Text"),
            ("ListBullet", "List Bullet"),
        ] {
            assert!(
                styles.contains(&format!(
                    r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}" />"#
                )),
                "style {id} is defined as « {name} »"
            );
        }
        assert!(
            styles.contains(r#"<w:lang w:val="fr-FR""#)
                && styles.find("<w:lang").unwrap() < styles.find("</w:rPrDefault>").unwrap(),
            "French is the default language: {styles}"
        );
        let document = part(&bytes, "word/document.xml");
        for id in [
            "Title",
            "Heading1",
            "Heading2",
            "BodyText",
            "ListBullet",
            "TableText",
        ] {
            assert!(
                document.contains(&format!(r#"<w:pStyle w:val="{id}" />"#)),
                "a paragraph uses {id}"
            );
        }
        assert!(
            document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
            "A4"
        );
        assert!(
            styles.contains(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#),
            "Normal is the default paragraph style"
        );
        assert_eq!(
            document.matches("<w:p ").count(),
            document.matches("<w:pStyle ").count(),
            "every paragraph names its style"
        );
    }

    #[test]
    fn the_header_row_repeats_and_totals_are_bold() {
        let bytes = to_docx(&sample()).unwrap();
        let document = part(&bytes, "word/document.xml");
        assert_eq!(
            document.matches("<w:tblHeader />").count(),
            1,
            "one data table, one header row"
        );
        let header_at = document.find("<w:tblHeader />").unwrap();
        let first_row = document.find("<w:tr>").unwrap();
        let second_row = document[first_row + 1..].find("<w:tr>").unwrap() + first_row + 1;
        assert!(
            first_row < header_at && header_at < second_row,
            "the mark is on the first row"
        );
        assert!(
            document.contains(r#"<w:jc w:val="right" />"#),
            "amounts align right"
        );
        let total = &document[document.find("255\u{202f}000").unwrap() - 300..];
        assert!(total.contains("<w:b />"), "the total is bold");
    }

    #[test]
    fn hostile_text_stays_text() {
        let nasty =
            "<w:p>&amp; \"q\" 'a' 😀 مرحبا \u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}\u{fffe}x\ty\r\nz";
        let mut doc = sample();
        doc.para(nasty).h3(nasty).note("a]]>b");
        let bytes = to_docx(&doc).unwrap();
        let document = part(&bytes, "word/document.xml");
        assert!(
            document.contains("&lt;w:p&gt;&amp;amp;"),
            "markup in text is escaped"
        );
        assert!(!document.contains("<w:p>&amp;"), "never raw");
        assert!(
            document.contains("😀 مرحبا x"),
            "emoji and Arabic kept, controls dropped"
        );
        for c in [
            '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1f}', '\u{fffe}', '\r',
        ] {
            assert!(!document.contains(c), "{:?} is gone", c);
        }
        assert!(document.contains("<w:tab />"), "tabs are Word tabs");
        assert!(
            document.contains(r#"<w:br w:type="textWrapping" />"#),
            "line breaks are Word line breaks"
        );
        let core = part(&bytes, "docProps/core.xml");
        assert!(
            core.contains("<dc:title>Délibération &lt;n° 1&gt; &amp; « test »</dc:title>"),
            "{core}"
        );
        assert!(core.contains("<dc:language>fr-FR</dc:language>"));
    }

    #[test]
    fn xml_safe_keeps_what_xml_allows() {
        assert_eq!(
            xml_safe("a\u{0}b\u{1b}c\td\r\ne\rf\u{85}g"),
            "abc\td\ne\nf\ng"
        );
        assert_eq!(xml_safe("\u{fffe}\u{ffff}\u{fffd}"), "\u{fffd}");
        assert_eq!(xml_safe("שלום 😀"), "שלום 😀");
    }

    #[test]
    fn header_rows_are_marked_on_flagged_tables_only() {
        let xml = b"<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>\
<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>";
        let out = String::from_utf8(with_header_rows(xml, &[false, true])).unwrap();
        assert_eq!(
            out,
            "<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>\
<w:tbl><w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr></w:tr></w:tbl>"
        );
    }

    #[test]
    fn a_logo_is_an_inline_picture_and_a_bad_one_is_refused() {
        let mut doc = sample();
        doc.header = Some(Letterhead::new("Commune").with_logo(tiny_png()));
        let bytes = to_docx(&doc).unwrap();
        let document = part(&bytes, "word/document.xml");
        assert!(document.contains("<wp:inline"), "an inline picture");
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
        assert!(
            (0..zip.len()).any(|i| zip.by_index(i).unwrap().name().starts_with("word/media/")),
            "the PNG is in the package"
        );
        doc.header = Some(Letterhead::new("Commune").with_logo(b"not a png".to_vec()));
        assert_eq!(to_docx(&doc).unwrap_err().code(), "invalid");
    }

    /// A 2 × 1 PNG (RGB).
    pub(super) fn tiny_png() -> Vec<u8> {
        crate::testing::png(2, 1, |x, _| {
            if x == 0 {
                [0x1f, 0x3a, 0x60]
            } else {
                [0xe8, 0xee, 0xf5]
            }
        })
    }
}
