//! A small page layout engine over printpdf's operations: a cursor moving
//! down A4 pages, line wrapping by the glyph advances of the embedded font,
//! page breaks that never leave a heading alone at a page bottom, tables
//! that break across pages and repeat their header row, tinted panels that
//! follow their text across pages, and the "n / N" footers added once the
//! page count is known.
//!
//! Widths are measured exactly as the PDF viewer will advance: the font's
//! advance in 1/1000 em, truncated as printpdf writes it in the `/W` array.
//! No kerning is applied, so measured and printed widths agree.
//!
//! Every string drawn goes through [`Fonts::glyphable`]: a character the
//! font lacks (emoji, Arabic…) becomes the visible box "□", never a blank
//! nor a panic. Right-to-left text is laid out in logical order (no bidi).

use crate::Lang;
use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, Rect, TextItem, TextMatrix,
    XObjectId, XObjectTransform,
};
use std::sync::OnceLock;

/// A4 width in points.
pub const PAGE_W: f32 = 595.276;
/// A4 height in points.
pub const PAGE_H: f32 = 841.89;
/// Left margin (22 mm).
pub const LEFT: f32 = 62.4;
/// Right margin.
pub const RIGHT: f32 = 62.4;
/// Width between the margins.
pub const CONTENT_W: f32 = PAGE_W - LEFT - RIGHT;
/// Top of the text block (from the page bottom).
const TOP: f32 = PAGE_H - 60.0;
/// Bottom of the text block: the footer lives below it.
const BOTTOM: f32 = 66.0;

/// The replacement shown for a character the font has no glyph for.
pub const FALLBACK: char = '\u{25a1}';

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// From 0–255 components.
    pub const fn hex(r: u8, g: u8, b: u8) -> Rgb {
        Rgb(r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0)
    }
    fn color(self) -> Color {
        Color::Rgb(printpdf::Rgb {
            r: self.0,
            g: self.1,
            b: self.2,
            icc_profile: None,
        })
    }
}

/// The palette of the briefs: dark ink, a navy accent, muted greys.
pub mod colors {
    use super::Rgb;
    pub const INK: Rgb = Rgb::hex(0x1d, 0x22, 0x2b);
    pub const MUTED: Rgb = Rgb::hex(0x5b, 0x63, 0x6e);
    pub const ACCENT: Rgb = Rgb::hex(0x1f, 0x3a, 0x60);
    pub const ACCENT_TINT: Rgb = Rgb::hex(0xe8, 0xee, 0xf5);
    pub const RULE: Rgb = Rgb::hex(0xc9, 0xcf, 0xd6);
    pub const ZEBRA: Rgb = Rgb::hex(0xf6, 0xf7, 0xf9);
    pub const WARN: Rgb = Rgb::hex(0xa8, 0x4a, 0x00);
    pub const WARN_TINT: Rgb = Rgb::hex(0xfd, 0xf3, 0xe7);
    pub const OK: Rgb = Rgb::hex(0x2e, 0x6b, 0x3f);
    pub const WHITE: Rgb = Rgb::hex(0xff, 0xff, 0xff);
}

/// One face of the embedded font with a table of advances.
pub struct Face {
    font: ParsedFont,
    /// Advance in 1/1000 em of each character below [`TABLE`]; `u16::MAX`
    /// when the font has no glyph for it.
    widths: Vec<u16>,
    upem: u32,
}

/// Characters whose advances are tabulated up front (Latin, Greek,
/// Cyrillic, Hebrew, punctuation, symbols); others are looked up.
const TABLE: u32 = 0x3000;

impl Face {
    fn parse(bytes: &[u8]) -> Face {
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .expect("the shipped Liberation Sans parses (checked by tests)");
        let upem = u32::from(font.pdf_font_metrics.units_per_em.max(1));
        let mut face = Face {
            font,
            widths: Vec::new(),
            upem,
        };
        face.widths = (0..TABLE)
            .map(|cp| face.lookup(cp).unwrap_or(u16::MAX))
            .collect();
        face
    }

    fn lookup(&self, cp: u32) -> Option<u16> {
        let gid = self.font.lookup_glyph_index(cp)?;
        if gid == 0 {
            return None;
        }
        // Truncated like printpdf's /W entries, so our widths are the viewer's.
        let w = u32::from(self.font.get_horizontal_advance(gid)) * 1000 / self.upem;
        Some(w.min(u32::from(u16::MAX - 1)) as u16)
    }

    /// Advance of `c` in 1/1000 em, `None` when the font lacks it.
    fn advance(&self, c: char) -> Option<u16> {
        let cp = c as u32;
        if cp < TABLE {
            let w = self.widths[cp as usize];
            (w != u16::MAX).then_some(w)
        } else {
            self.lookup(cp)
        }
    }
}

/// The two faces used: Liberation Sans Regular and Bold (SIL OFL 1.1,
/// `data/fonts/`).
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

/// The parsed fonts, once per process.
pub fn fonts() -> &'static Fonts {
    static F: OnceLock<Fonts> = OnceLock::new();
    F.get_or_init(|| Fonts {
        regular: Face::parse(include_bytes!(
            "../../../data/fonts/LiberationSans-Regular.ttf"
        )),
        bold: Face::parse(include_bytes!(
            "../../../data/fonts/LiberationSans-Bold.ttf"
        )),
    })
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub color: Rgb,
}

impl Style {
    /// Body text.
    pub const BODY: Style = Style {
        size: 10.0,
        bold: false,
        color: colors::INK,
    };
    /// Small grey notes.
    pub const NOTE: Style = Style {
        size: 8.5,
        bold: false,
        color: colors::MUTED,
    };

    /// The same style in bold.
    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    /// The same style in another colour.
    pub const fn color(self, color: Rgb) -> Style {
        Style { color, ..self }
    }
    /// The same style at another size.
    pub const fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }
    /// Height of one line.
    pub fn line_height(self) -> f32 {
        self.size * 1.38
    }
}

/// Horizontal alignment in a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

impl Fonts {
    fn face(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// `s` with every character the face cannot draw replaced by
    /// [`FALLBACK`] (line breaks kept).
    pub fn glyphable(&self, s: &str, bold: bool) -> String {
        let face = self.face(bold);
        s.chars()
            .map(|c| {
                if c == '\n' || face.advance(c).is_some() {
                    c
                } else {
                    FALLBACK
                }
            })
            .collect()
    }

    /// Printed width of `s` (already glyphable) in points.
    pub fn width(&self, s: &str, style: Style) -> f32 {
        let face = self.face(style.bold);
        let fallback = face.advance(FALLBACK).unwrap_or(600);
        let units: u32 = s
            .chars()
            .map(|c| u32::from(face.advance(c).unwrap_or(fallback)))
            .sum();
        units as f32 * style.size / 1000.0
    }

    /// Breaks `text` into lines no wider than `width`: at spaces, at line
    /// breaks, and inside a word only when the word alone is wider than the
    /// line. No-break spaces never break. Empty paragraphs give empty lines.
    pub fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let text = self.glyphable(text, style.bold);
        let space = self.width(" ", style);
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in para.split(' ').filter(|w| !w.is_empty()) {
                let ww = self.width(word, style);
                if !line.is_empty() && line_w + space + ww <= width {
                    line.push(' ');
                    line.push_str(word);
                    line_w += space + ww;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if ww <= width {
                    line.push_str(word);
                    line_w = ww;
                } else if word.contains(['\u{a0}', '\u{202f}']) {
                    // Too wide even kept together: its no-break spaces become
                    // break opportunities before resorting to cutting letters.
                    let loose = word.replace(['\u{a0}', '\u{202f}'], " ");
                    let mut parts = self.wrap(&loose, style, width);
                    line = parts.pop().unwrap_or_default();
                    line_w = self.width(&line, style);
                    lines.extend(parts);
                } else {
                    // A word wider than the line (a URL, 20,000 letters): cut it.
                    line_w = 0.0;
                    for c in word.chars() {
                        let cw = self.width(c.encode_utf8(&mut [0; 4]), style);
                        if line_w + cw > width && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            line_w = 0.0;
                        }
                        line.push(c);
                        line_w += cw;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }

    /// [`Fonts::wrap`] limited to `max` lines, the last ending with "…"
    /// when text was left out.
    pub fn wrap_max(&self, text: &str, style: Style, width: f32, max: usize) -> Vec<String> {
        let mut lines = self.wrap(text, style, width);
        if lines.len() > max.max(1) {
            lines.truncate(max.max(1));
            let last = lines.pop().unwrap_or_default();
            lines.push(self.ellipsize(&format!("{last}…"), style, width, true));
        }
        lines
    }

    /// One line of `text` cut with "…" to fit `width`.
    pub fn fit(&self, text: &str, style: Style, width: f32) -> String {
        let one_line = self.glyphable(text, style.bold).replace('\n', " ");
        self.ellipsize(&one_line, style, width, false)
    }

    fn ellipsize(&self, s: &str, style: Style, width: f32, force: bool) -> String {
        if !force && self.width(s, style) <= width {
            return s.to_owned();
        }
        // Sum from the start: subtracting from the width of a huge text in
        // f32 would drift by points.
        let room = width - self.width("…", style);
        let mut w = 0.0;
        let mut chars = Vec::new();
        for c in s.trim_end_matches('…').chars() {
            let cw = self.width(c.encode_utf8(&mut [0; 4]), style);
            if w + cw > room {
                break;
            }
            w += cw;
            chars.push(c);
        }
        let mut out: String = chars.into_iter().collect();
        out.truncate(out.trim_end().len());
        out.push('…');
        out
    }
}

/// One column of a [`Table`].
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Share of the table width (the shares are normalised).
    pub share: f32,
    pub align: Align,
}

/// What a table row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// An ordinary line.
    Body,
    /// A group title spanning the table (its first cell).
    Group,
    /// A subtotal of a group.
    Subtotal,
    /// The grand total.
    Total,
    /// A line to notice: bold, on a warning tint.
    Alert,
}

/// A table row: one string per column.
#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<String>,
    pub kind: RowKind,
}

impl Row {
    /// An ordinary row.
    pub fn body(cells: Vec<String>) -> Row {
        Row {
            cells,
            kind: RowKind::Body,
        }
    }
}

/// A table with its header row.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Text size of the cells.
    pub size: f32,
    /// Most lines shown in one cell (the rest ends with "…"), so that one
    /// row always fits on a page.
    pub max_cell_lines: usize,
}

/// Document information written in the PDF.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub created: chrono::DateTime<chrono::Utc>,
    /// Text at the left of every footer.
    pub footer: String,
    /// Text at the top of continuation pages.
    pub running_head: String,
}

struct Page {
    ops: Vec<Op>,
    /// Continuation pages carry the running head; first pages have their own.
    head: bool,
}

const PAD_X: f32 = 4.5;
const PAD_Y: f32 = 3.2;

/// A document being laid out.
pub struct Doc {
    pub lang: Lang,
    pub fonts: &'static Fonts,
    pdf: PdfDocument,
    regular: FontId,
    bold: FontId,
    pages: Vec<Page>,
    /// Top of the free space on the current page (PDF coordinates).
    y: f32,
    bookmarks: Vec<(String, usize)>,
    /// The page being drawn on (the last one, except while adding footers).
    current: usize,
}

impl Doc {
    /// An empty document with the fonts registered and a first page.
    pub fn new(lang: Lang) -> Doc {
        let fonts = fonts();
        let mut pdf = PdfDocument::new("");
        let regular = pdf.add_font(&fonts.regular.font);
        let bold = pdf.add_font(&fonts.bold.font);
        let mut doc = Doc {
            lang,
            fonts,
            pdf,
            regular,
            bold,
            pages: Vec::new(),
            y: TOP,
            bookmarks: Vec::new(),
            current: 0,
        };
        doc.new_page(false);
        doc
    }

    /// Starts a page; `head` prints the running head on it.
    pub fn new_page(&mut self, head: bool) {
        self.pages.push(Page {
            ops: Vec::new(),
            head,
        });
        self.current = self.pages.len() - 1;
        self.y = if head { TOP - 14.0 } else { TOP };
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// True when nothing was drawn yet on the current page.
    pub fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(|p| p.ops.is_empty())
    }

    /// Height left on the current page.
    pub fn space_left(&self) -> f32 {
        self.y - BOTTOM
    }

    /// The cursor: top of the free space (PDF coordinates).
    pub fn cursor(&self) -> f32 {
        self.y
    }

    /// Moves to a new page unless `h` points fit on this one.
    pub fn ensure(&mut self, h: f32) {
        if h > self.space_left() && !self.page_is_empty() {
            self.new_page(true);
        }
    }

    /// Vertical space; at a page bottom it is simply dropped.
    pub fn gap(&mut self, h: f32) {
        self.y = (self.y - h).max(BOTTOM);
    }

    /// Moves the cursor down by `h` (after drawing a block by hand).
    pub fn advance(&mut self, h: f32) {
        self.y -= h;
    }

    /// Adds an outline entry pointing at the current page.
    pub fn bookmark(&mut self, title: &str) {
        let title = crate::brief::typo::clean(title).replace('\n', " ");
        let short: String = title.chars().take(120).collect();
        let short = if short.len() < title.len() {
            format!("{}…", short.trim_end())
        } else {
            short
        };
        self.bookmarks.push((short, self.pages.len()));
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        &mut self.pages[self.current].ops
    }

    // ------------------------------------------------------------ primitives

    /// Draws one line of text with its baseline at `baseline`, aligned in
    /// the box `[x, x + w]`. The text is cut with "…" to fit the box.
    pub fn text_at(
        &mut self,
        x: f32,
        baseline: f32,
        w: f32,
        text: &str,
        style: Style,
        align: Align,
    ) {
        let line = self.fonts.fit(text, style, w);
        self.draw_line(x, baseline, w, line, style, align);
    }

    /// Draws `text` from `x` on `baseline`, uncut, slanted by `slant` (0 is
    /// upright; about 0.2 gives an oblique for italic, the shipped font
    /// having no italic face). Characters the font lacks become
    /// [`FALLBACK`]. Returns the width drawn, for the next run of a line.
    pub fn text_run(&mut self, x: f32, baseline: f32, text: &str, style: Style, slant: f32) -> f32 {
        let line = self.fonts.glyphable(text, style.bold).replace('\n', " ");
        let w = self.fonts.width(&line, style);
        if line.is_empty() {
            return 0.0;
        }
        let font = if style.bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        };
        let matrix = if slant == 0.0 {
            TextMatrix::Translate(Pt(x), Pt(baseline))
        } else {
            TextMatrix::Raw([1.0, 0.0, slant, 1.0, x, baseline])
        };
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFillColor {
                col: style.color.color(),
            },
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(style.size),
            },
            Op::SetTextMatrix { matrix },
            Op::ShowText {
                items: vec![TextItem::Text(line)],
            },
            Op::EndTextSection,
        ]);
        w
    }

    fn draw_line(
        &mut self,
        x: f32,
        baseline: f32,
        w: f32,
        line: String,
        style: Style,
        align: Align,
    ) {
        if line.is_empty() {
            return;
        }
        let tw = self.fonts.width(&line, style);
        let x = match align {
            Align::Left => x,
            Align::Right => x + w - tw,
            Align::Center => x + (w - tw) / 2.0,
        };
        let font = if style.bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        };
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFillColor {
                col: style.color.color(),
            },
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(style.size),
            },
            Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x), Pt(baseline)),
            },
            Op::ShowText {
                items: vec![TextItem::Text(line)],
            },
            Op::EndTextSection,
        ]);
    }

    /// A filled rectangle (lower-left corner `x`, `y`).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        let ops = rect_ops(x, y, w, h, color);
        self.ops().extend(ops);
    }

    /// A stroked polyline.
    pub fn stroke(&mut self, points: &[(f32, f32)], color: Rgb, width: f32, dashed: bool) {
        let line = Line {
            points: points
                .iter()
                .map(|&(x, y)| LinePoint {
                    p: Point { x: Pt(x), y: Pt(y) },
                    bezier: false,
                })
                .collect(),
            is_closed: false,
        };
        let dash = if dashed {
            LineDashPattern::new(0.0, &[3.0, 2.0])
        } else {
            LineDashPattern::solid()
        };
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: color.color() },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::SetLineDashPattern { dash },
            Op::DrawLine { line },
            Op::RestoreGraphicsState,
        ]);
    }

    /// A horizontal rule across the text block at the cursor.
    pub fn rule(&mut self, color: Rgb, width: f32) {
        let y = self.y;
        self.stroke(&[(LEFT, y), (PAGE_W - RIGHT, y)], color, width, false);
    }

    /// Places a PNG image already registered with [`Doc::add_png`] with its
    /// lower-left corner at `x`, `y` and the given size in points.
    pub fn image(&mut self, id: &XObjectId, x: f32, y: f32, w: f32, h: f32, px: (usize, usize)) {
        let (pw, ph) = (px.0.max(1) as f32, px.1.max(1) as f32);
        self.ops().push(Op::UseXobject {
            id: id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(y)),
                rotate: None,
                scale_x: Some(w / pw),
                scale_y: Some(h / ph),
                dpi: Some(72.0),
                no_auto_scale: false,
            },
        });
    }

    /// Registers a PNG; returns its id and size in pixels, or `None` when
    /// the bytes are not a readable PNG.
    pub fn add_png(&mut self, bytes: &[u8]) -> Option<(XObjectId, (usize, usize))> {
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return None;
        }
        let mut warnings = Vec::new();
        let img = RawImage::decode_from_bytes(bytes, &mut warnings).ok()?;
        let size = (img.width, img.height);
        if size.0 == 0 || size.1 == 0 {
            return None;
        }
        Some((self.pdf.add_image(&img), size))
    }

    // ---------------------------------------------------------------- blocks

    /// A paragraph at `indent` from the left margin, breaking across pages
    /// (never leaving a single first line at a page bottom).
    pub fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        let lines = self.fonts.wrap(text, style, CONTENT_W - indent);
        self.lines(lines, style, indent, Align::Left);
    }

    /// Lines already wrapped, drawn from the cursor down.
    pub fn lines(&mut self, lines: Vec<String>, style: Style, indent: f32, align: Align) {
        let lh = style.line_height();
        self.ensure(lh * lines.len().min(2) as f32);
        for line in lines {
            self.ensure(lh);
            let baseline = self.baseline(style);
            self.draw_line(
                LEFT + indent,
                baseline,
                CONTENT_W - indent,
                line,
                style,
                align,
            );
            self.y -= lh;
        }
    }

    fn baseline(&self, style: Style) -> f32 {
        self.y - style.line_height() / 2.0 - 0.33 * style.size
    }

    /// A heading kept with the `keep` points that follow it: if they do not
    /// fit under it, the heading moves to the next page. Long headings are
    /// cut after `max_lines` lines.
    pub fn heading(&mut self, text: &str, style: Style, keep: f32, max_lines: usize) {
        let lines = self.fonts.wrap_max(text, style, CONTENT_W, max_lines);
        let h = lines.len() as f32 * style.line_height();
        self.ensure(h + keep + 4.0);
        self.lines(lines, style, 0.0, Align::Left);
        self.gap(3.0);
    }

    /// A bulleted list.
    pub fn bullets(&mut self, items: &[String], style: Style, bullet_color: Rgb) {
        let indent = 12.0;
        for item in items {
            let lines = self.fonts.wrap(item, style, CONTENT_W - indent);
            let lh = style.line_height();
            self.ensure(lh * lines.len().min(2) as f32);
            let baseline = self.baseline(style);
            self.draw_line(
                LEFT + 2.0,
                baseline,
                indent,
                "•".into(),
                style.color(bullet_color),
                Align::Left,
            );
            self.lines(lines, style, indent, Align::Left);
            self.gap(1.5);
        }
    }

    /// A tinted panel with an accent bar on its left holding `text`; when it
    /// breaks across pages each part gets its own panel.
    pub fn panel(&mut self, text: &str, style: Style, tint: Rgb, bar: Rgb) {
        let pad = 8.0;
        let indent = pad + 4.0;
        let lines = self.fonts.wrap(text, style, CONTENT_W - indent - pad);
        let lh = style.line_height();
        self.ensure(lh * lines.len().min(3) as f32 + 2.0 * pad);
        let mut part = self.open_panel(pad);
        for line in lines {
            if lh + pad > self.space_left() {
                self.close_panel(part, pad, tint, bar);
                self.new_page(true);
                part = self.open_panel(pad);
            }
            let baseline = self.baseline(style);
            self.draw_line(
                LEFT + indent,
                baseline,
                CONTENT_W - indent - pad,
                line,
                style,
                Align::Left,
            );
            self.y -= lh;
        }
        self.close_panel(part, pad, tint, bar);
    }

    fn open_panel(&mut self, pad: f32) -> (usize, f32) {
        let start = (self.ops().len(), self.y);
        self.y -= pad;
        start
    }

    fn close_panel(&mut self, (at, top): (usize, f32), pad: f32, tint: Rgb, bar: Rgb) {
        self.y -= pad;
        let h = top - self.y;
        // Painted under the text already drawn: insert before its operations.
        let mut ops = rect_ops(LEFT, self.y, CONTENT_W, h, tint);
        ops.extend(rect_ops(LEFT, self.y, 3.0, h, bar));
        let page = self.ops();
        let at = at.min(page.len());
        page.splice(at..at, ops);
    }

    /// A table: header row repeated on each page, rows never split, group
    /// rows kept with the row after them, numbers aligned by column.
    pub fn table(&mut self, t: &Table) {
        let total: f32 = t.columns.iter().map(|c| c.share.max(0.01)).sum();
        let widths: Vec<f32> = t
            .columns
            .iter()
            .map(|c| c.share.max(0.01) / total * CONTENT_W)
            .collect();
        let body = Style::BODY.size(t.size);
        let head_style = body.bold().color(colors::ACCENT).size(t.size - 0.5);
        let header: Vec<Vec<String>> = t
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                self.fonts
                    .wrap_max(&c.title, head_style, w - 2.0 * PAD_X, 3)
            })
            .collect();
        let header_h = row_height(&header, head_style);
        let laid: Vec<(Vec<Vec<String>>, Style)> = t
            .rows
            .iter()
            .map(|r| self.lay_row(r, &t.columns, &widths, body, t.max_cell_lines))
            .collect();
        let heights: Vec<f32> = laid.iter().map(|(c, s)| row_height(c, *s)).collect();

        let first = heights.first().copied().unwrap_or(0.0);
        self.ensure(header_h + first);
        self.table_header(&header, &widths, head_style, header_h, t);
        for (i, ((cells, style), h)) in laid.into_iter().zip(&heights).enumerate() {
            let kind = t.rows[i].kind;
            // A group title stays with its first row, a group's last row
            // with its subtotal.
            // A group title stays with its first row, and a row with the
            // subtotals and total right after it.
            let totals_after = |k: usize| -> f32 {
                (k..t.rows.len())
                    .take_while(|&j| matches!(t.rows[j].kind, RowKind::Subtotal | RowKind::Total))
                    .map(|j| heights[j])
                    .sum()
            };
            let keep = if kind == RowKind::Group {
                heights.get(i + 1).copied().unwrap_or(0.0) + totals_after(i + 2)
            } else {
                totals_after(i + 1)
            };
            if h + keep > self.space_left() {
                self.new_page(true);
                self.table_header(&header, &widths, head_style, header_h, t);
            }
            self.table_row(&cells, &widths, style, *h, kind, i, t);
        }
        self.gap(6.0);
    }

    fn lay_row(
        &self,
        r: &Row,
        columns: &[Column],
        widths: &[f32],
        body: Style,
        max: usize,
    ) -> (Vec<Vec<String>>, Style) {
        let style = match r.kind {
            RowKind::Body => body,
            RowKind::Group => body.bold().color(colors::ACCENT),
            RowKind::Subtotal | RowKind::Total => body.bold(),
            RowKind::Alert => body.bold().color(colors::WARN),
        };
        if r.kind == RowKind::Group {
            let text = r.cells.first().map(String::as_str).unwrap_or("");
            return (
                vec![self.fonts.wrap_max(text, style, CONTENT_W - 2.0 * PAD_X, 2)],
                style,
            );
        }
        let spans = spans(r, columns);
        let cells = widths
            .iter()
            .enumerate()
            .map(|(j, _)| {
                let text = r.cells.get(j).map(String::as_str).unwrap_or("");
                let w: f32 = widths[j..j + spans[j].max(1)].iter().sum();
                if spans[j] == 0 {
                    Vec::new()
                } else {
                    self.fonts.wrap_max(text, style, w - 2.0 * PAD_X, max)
                }
            })
            .collect();
        (cells, style)
    }

    fn table_header(
        &mut self,
        header: &[Vec<String>],
        widths: &[f32],
        style: Style,
        h: f32,
        t: &Table,
    ) {
        let top = self.y;
        self.rect(LEFT, top - h, CONTENT_W, h, colors::ACCENT_TINT);
        let mut x = LEFT;
        for (j, lines) in header.iter().enumerate() {
            self.cell(x, top, widths[j], lines, style, t.columns[j].align);
            x += widths[j];
        }
        self.y -= h;
        self.stroke(
            &[(LEFT, self.y), (PAGE_W - RIGHT, self.y)],
            colors::ACCENT,
            0.8,
            false,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn table_row(
        &mut self,
        cells: &[Vec<String>],
        widths: &[f32],
        style: Style,
        h: f32,
        kind: RowKind,
        index: usize,
        t: &Table,
    ) {
        let top = self.y;
        match kind {
            RowKind::Group => self.rect(LEFT, top - h, CONTENT_W, h, colors::ZEBRA),
            RowKind::Total => {
                self.rect(LEFT, top - h, CONTENT_W, h, colors::ACCENT_TINT);
            }
            RowKind::Alert => self.rect(LEFT, top - h, CONTENT_W, h, colors::WARN_TINT),
            _ if index % 2 == 1 => self.rect(LEFT, top - h, CONTENT_W, h, colors::ZEBRA),
            _ => {}
        }
        if kind == RowKind::Group {
            self.cell(LEFT, top, CONTENT_W, &cells[0], style, Align::Left);
        } else {
            let spans = spans(&t.rows[index], &t.columns);
            let mut x = LEFT;
            for (j, lines) in cells.iter().enumerate() {
                let w: f32 = widths[j..j + spans[j].max(1)].iter().sum();
                self.cell(x, top, w, lines, style, t.columns[j].align);
                x += widths[j];
            }
        }
        self.y -= h;
        let (color, width) = match kind {
            RowKind::Total | RowKind::Subtotal => (colors::ACCENT, 0.6),
            _ => (colors::RULE, 0.4),
        };
        self.stroke(
            &[(LEFT, self.y), (PAGE_W - RIGHT, self.y)],
            color,
            width,
            false,
        );
    }

    fn cell(&mut self, x: f32, top: f32, w: f32, lines: &[String], style: Style, align: Align) {
        let lh = style.line_height();
        for (k, line) in lines.iter().enumerate() {
            let baseline = top - PAD_Y - lh * k as f32 - lh / 2.0 - 0.33 * style.size;
            self.draw_line(
                x + PAD_X,
                baseline,
                w - 2.0 * PAD_X,
                line.clone(),
                style,
                align,
            );
        }
    }

    // ---------------------------------------------------------------- output

    /// [`Doc::finish`], byte-stable: the same pages and metadata give the
    /// same bytes. printpdf names fonts and images, and fills the trailer's
    /// `/ID`, from a process-wide counter, so two renderings in one process
    /// differ; here fonts and images get fixed names and the `/ID` is a
    /// digest of the file.
    pub fn finish_stable(mut self, meta: &Meta) -> Vec<u8> {
        let mut fonts = std::collections::BTreeMap::new();
        // Six capital letters: the font names read as subset tags
        // ("BGDAAA+LiberationSans"), which is what the fonts are.
        for (id, name) in [(&self.regular, "BGDAAA"), (&self.bold, "BGDAAB")] {
            fonts.insert(id.0.clone(), FontId(name.into()));
        }
        let mut images = std::collections::BTreeMap::new();
        for op in self.pages.iter().flat_map(|p| &p.ops) {
            if let Op::UseXobject { id, .. } = op {
                let next = XObjectId(format!("X{}", images.len() + 1));
                images.entry(id.0.clone()).or_insert(next);
            }
        }
        for op in self.pages.iter_mut().flat_map(|p| &mut p.ops) {
            match op {
                Op::SetFont {
                    font: PdfFontHandle::External(id),
                    ..
                } => {
                    if let Some(new) = fonts.get(&id.0) {
                        *id = new.clone();
                    }
                }
                Op::UseXobject { id, .. } => {
                    if let Some(new) = images.get(&id.0) {
                        *id = new.clone();
                    }
                }
                _ => {}
            }
        }
        let res = &mut self.pdf.resources;
        res.fonts.map = std::mem::take(&mut res.fonts.map)
            .into_iter()
            .map(|(id, f)| (fonts.get(&id.0).cloned().unwrap_or(id), f))
            .collect();
        res.xobjects.map = std::mem::take(&mut res.xobjects.map)
            .into_iter()
            .filter_map(|(id, x)| images.get(&id.0).map(|new| (new.clone(), x)))
            .collect();
        // The running heads and footers are drawn by `finish`, with these.
        self.regular = fonts[&self.regular.0].clone();
        self.bold = fonts[&self.bold.0].clone();
        let mut bytes = self.finish(meta);
        // The trailer's two 32-character identifiers, same length so the
        // cross-reference offsets stay right.
        const KEY: &[u8] = b"/ID[(";
        if let Some(at) = bytes.windows(KEY.len()).rposition(|w| w == KEY) {
            let first = at + KEY.len();
            let second = first + 32 + 2;
            if bytes.get(second + 32) == Some(&b')') && bytes[first + 32..second] == *b")(" {
                let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
                for (i, &b) in bytes.iter().enumerate() {
                    let b = if (first..second + 32).contains(&i) {
                        0
                    } else {
                        b
                    };
                    hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                }
                let id = format!("{hash:016X}{:016X}", hash.rotate_left(32) ^ 0x5bd1_e995);
                bytes[first..first + 32].copy_from_slice(id.as_bytes());
                bytes[second..second + 32].copy_from_slice(id.as_bytes());
            }
        }
        bytes
    }

    /// Adds running heads and "n / N" footers, the metadata and the
    /// outline, and writes the PDF (fonts embedded as subsets).
    pub fn finish(mut self, meta: &Meta) -> Vec<u8> {
        let n = self.pages.len();
        let note = Style::NOTE.size(7.5);
        for i in 0..n {
            self.current = i;
            if self.pages[i].head {
                let y = PAGE_H - 40.0;
                self.text_at(LEFT, y, CONTENT_W, &meta.running_head, note, Align::Left);
                self.stroke(
                    &[(LEFT, y - 6.0), (PAGE_W - RIGHT, y - 6.0)],
                    colors::RULE,
                    0.4,
                    false,
                );
            }
            let y = 34.0;
            self.stroke(
                &[(LEFT, y + 12.0), (PAGE_W - RIGHT, y + 12.0)],
                colors::RULE,
                0.4,
                false,
            );
            let number = format!("{} / {n}", i + 1);
            let nw = self.fonts.width(&number, note) + 2.0;
            self.text_at(
                LEFT,
                y,
                CONTENT_W - nw - 12.0,
                &meta.footer,
                note,
                Align::Left,
            );
            self.text_at(LEFT, y, CONTENT_W, &number, note, Align::Right);
        }
        let info = &mut self.pdf.metadata.info;
        info.document_title = short(&meta.title, 200);
        info.author = short(&meta.author, 200);
        info.subject = short(&meta.subject, 300);
        info.creator = "Bourgade".into();
        info.producer = "Bourgade (printpdf)".into();
        info.creation_date = pdf_date(meta.created);
        info.modification_date = pdf_date(meta.created);
        info.metadata_date = pdf_date(meta.created);
        let pages = std::mem::take(&mut self.pages)
            .into_iter()
            .map(|p| PdfPage::new(Mm(210.0), Mm(297.0), p.ops))
            .collect();
        self.pdf.with_pages(pages);
        for (title, page) in &self.bookmarks {
            self.pdf.add_bookmark(title, *page);
        }
        let mut warnings = Vec::new();
        let mut bytes = self.pdf.save(&PdfSaveOptions::default(), &mut warnings);
        blank_pdfx_claim(&mut bytes);
        bytes
    }
}

/// printpdf always writes an empty `/GTS_PDFXVersion` in the document
/// information, which readers take as a PDF/X claim the briefs do not make.
/// Overwritten with spaces (same length, so the cross-reference offsets stay
/// right); user text never appears raw there (strings are hex UTF-16).
fn blank_pdfx_claim(bytes: &mut [u8]) {
    const KEY: &[u8] = b"/GTS_PDFXVersion()";
    if let Some(at) = bytes.windows(KEY.len()).position(|w| w == KEY) {
        bytes[at..at + KEY.len()].fill(b' ');
    }
}

fn rect_ops(x: f32, y: f32, w: f32, h: f32, color: Rgb) -> Vec<Op> {
    vec![
        Op::SetFillColor { col: color.color() },
        Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        },
    ]
}

/// How many columns each cell covers: in total rows a left-aligned label
/// runs over the empty cells after it (those get 0); elsewhere 1.
fn spans(r: &Row, columns: &[Column]) -> Vec<usize> {
    let n = columns.len();
    let mut spans = vec![1; n];
    if matches!(r.kind, RowKind::Total | RowKind::Subtotal) {
        let empty = |j: usize| r.cells.get(j).is_none_or(|c| c.is_empty());
        let mut j = 0;
        while j < n {
            if !empty(j) && columns[j].align == Align::Left {
                let mut k = j + 1;
                while k < n && empty(k) && columns[k].align == Align::Left {
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

fn row_height(cells: &[Vec<String>], style: Style) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * style.line_height() + 2.0 * PAD_Y
}

/// Metadata strings: cleaned, one line, at most `max` characters.
fn short(s: &str, max: usize) -> String {
    let s = crate::brief::typo::clean(s).replace('\n', " ");
    if s.chars().count() <= max {
        s
    } else {
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

fn pdf_date(t: chrono::DateTime<chrono::Utc>) -> printpdf::OffsetDateTime {
    use chrono::{Datelike, Timelike};
    printpdf::DateTime {
        date: printpdf::Date {
            year: t.year(),
            month: t.month() as u8,
            day: t.day() as u8,
        },
        time: printpdf::Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: t.second() as u8,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_never_exceed_the_width() {
        let f = fonts();
        let text =
            "Réhabilitation du cœur de bourg : une halle couverte, des étals et une placette. "
                .repeat(8)
                + &"x".repeat(500);
        for width in [40.0, 120.0, CONTENT_W] {
            let lines = f.wrap(&text, Style::BODY, width);
            assert!(lines.len() > 1, "a long text wraps at width {width}");
            for l in &lines {
                assert!(
                    f.width(l, Style::BODY) <= width + 0.01,
                    "line « {l} » fits in {width} pt"
                );
            }
        }
    }

    #[test]
    fn no_break_spaces_hold_amounts_together() {
        let f = fonts();
        let amount = "1\u{202f}250\u{202f}000\u{a0}€";
        let width = f.width(&format!("Montant {amount}"), Style::BODY) - 1.0;
        let lines = f.wrap(&format!("Montant {amount}"), Style::BODY, width);
        assert_eq!(
            lines,
            vec!["Montant".to_owned(), amount.to_owned()],
            "the line breaks at the ordinary space, not inside the amount"
        );
    }

    #[test]
    fn missing_glyphs_become_a_visible_box() {
        let f = fonts();
        assert_eq!(
            f.glyphable("Café 😀 مرحبا שלום", false),
            "Café □ □□□□□ שלום",
            "emoji and Arabic have no glyph in Liberation Sans; Latin and Hebrew do"
        );
        assert!(
            f.width("😀", Style::BODY) > 0.0,
            "an unknown character still takes room"
        );
    }

    #[test]
    fn cut_lines_end_with_an_ellipsis_and_fit() {
        let f = fonts();
        let lines = f.wrap_max(&"mot ".repeat(2_000), Style::BODY, 200.0, 3);
        assert_eq!(lines.len(), 3, "at most three lines");
        assert!(lines[2].ends_with('…'), "the cut is shown: {:?}", lines[2]);
        assert!(
            f.width(&lines[2], Style::BODY) <= 200.0,
            "the ellipsis fits in the width"
        );
        let one = f.fit(&"a".repeat(1_000), Style::BODY, 50.0);
        assert!(one.ends_with('…') && f.width(&one, Style::BODY) <= 50.0);
    }

    #[test]
    fn headings_move_with_what_follows_them() {
        let mut doc = Doc::new(Lang::Fr);
        let lh = Style::BODY.line_height();
        while doc.space_left() > 3.0 * lh {
            doc.paragraph("Ligne de remplissage.", Style::BODY, 0.0);
        }
        doc.heading("Plan de financement", Style::BODY.bold(), 4.0 * lh, 2);
        assert_eq!(
            doc.page_count(),
            2,
            "a heading without room for four lines after it starts the next page"
        );
    }

    #[test]
    fn tables_repeat_their_header_on_each_page() {
        let mut doc = Doc::new(Lang::Fr);
        let rows = (0..200)
            .map(|i| Row::body(vec![format!("Ligne {i}"), format!("{i}\u{a0}€")]))
            .collect();
        doc.table(&Table {
            columns: vec![
                Column {
                    title: "Financeur".into(),
                    share: 3.0,
                    align: Align::Left,
                },
                Column {
                    title: "Montant".into(),
                    share: 1.0,
                    align: Align::Right,
                },
            ],
            rows,
            size: 9.0,
            max_cell_lines: 4,
        });
        assert!(doc.page_count() >= 4, "200 rows take several pages");
        for (i, p) in doc.pages.iter().enumerate() {
            let has_header = p.ops.iter().any(|op| {
                matches!(op, Op::ShowText { items } if items == &vec![TextItem::Text("Financeur".into())])
            });
            assert!(has_header, "page {} repeats the header row", i + 1);
        }
    }
}
