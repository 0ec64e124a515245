//! An HTML table laid out as a browser lays it out: a grid of rows and columns where a cell with
//! `rowspan` or `colspan` fills every slot it covers. Spans are bounded as browsers bound them
//! (a row span ends with its row group), and so is the grid, so a hostile page cannot make it
//! unbounded.

use scraper::{ElementRef, Selector};

/// Largest `colspan` honoured (browsers stop at 1000).
const MAX_COLSPAN: usize = 1000;

/// Most slots a table may fill.
pub const MAX_SLOTS: usize = 1_000_000;

/// One cell of the page.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Its text, as in the page.
    pub text: String,
    /// True for a `th`.
    pub header: bool,
}

/// One row of the grid.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// The `tr` element.
    pub element: ElementRef<'a>,
    /// Per column, the cell that fills it (an index into `Grid::cells`), if any.
    pub slots: Vec<Option<usize>>,
}

/// A table as a grid.
#[derive(Debug, Clone, Default)]
pub struct Grid<'a> {
    /// Every cell, in document order.
    pub cells: Vec<Cell>,
    /// The rows, in document order.
    pub rows: Vec<Row<'a>>,
}

impl Grid<'_> {
    /// The number of columns.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.slots.len()).max().unwrap_or(0)
    }

    /// The text in row `row`, column `column` (empty where no cell reaches).
    pub fn text(&self, row: &Row<'_>, column: usize) -> &str {
        row.slots.get(column).copied().flatten().map_or("", |i| self.cells[i].text.as_str())
    }

    /// The distinct cells of a row, in order.
    pub fn row_cells(&self, row: &Row<'_>) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for i in row.slots.iter().flatten() {
            if out.last() != Some(i) {
                out.push(*i);
            }
        }
        out
    }
}

/// Per column, the cell reaching down into later rows and how many rows it still covers.
type Reaching = Vec<Option<(usize, usize)>>;

/// The grid of `table`'s own rows (not those of tables inside it), of the cells `cells` matches
/// among each row's children.
pub fn layout<'a>(table: ElementRef<'a>, cells: &Selector) -> anyhow::Result<Grid<'a>> {
    let mut grid = Grid::default();
    let mut filled = 0usize;
    for group in row_groups(table) {
        let mut reaching: Reaching = Vec::new();
        let group_len = group.len();
        for (r, tr) in group.into_iter().enumerate() {
            let slots = layout_row(&mut grid, &mut reaching, tr, cells, group_len - r);
            filled += slots.len();
            if filled > MAX_SLOTS {
                anyhow::bail!("the table's merged cells make more than {MAX_SLOTS} slots; refusing to lay it out");
            }
            grid.rows.push(Row { element: tr, slots });
        }
    }
    Ok(grid)
}

/// One row's slots; `rows_left` counts it and the rows after it in its group.
fn layout_row(
    grid: &mut Grid,
    reaching: &mut Reaching,
    tr: ElementRef,
    cells: &Selector,
    rows_left: usize,
) -> Vec<Option<usize>> {
    let mut slots: Vec<Option<usize>> = Vec::new();
    let mut column = 0;
    for td in tr.children().filter_map(ElementRef::wrap).filter(|e| is_cell(e) && cells.matches(e)) {
        while take_reaching(reaching, &mut slots, column) {
            column += 1;
        }
        let index = grid.cells.len();
        grid.cells.push(Cell { text: td.text().collect(), header: td.value().name() == "th" });
        let colspan = span(td, "colspan").clamp(1, MAX_COLSPAN);
        // `rowspan="0"` reaches the end of the row group, as any larger value does.
        let rowspan = match span(td, "rowspan") {
            0 => rows_left,
            n => n.min(rows_left),
        };
        for c in column..column + colspan {
            put(&mut slots, c, index);
            if rowspan > 1 {
                if reaching.len() <= c {
                    reaching.resize(c + 1, None);
                }
                reaching[c] = Some((index, rowspan - 1));
            }
        }
        column += colspan;
    }
    for c in column..reaching.len() {
        take_reaching(reaching, &mut slots, c);
    }
    slots
}

/// Fill `column` with the cell reaching down into it, if one does.
fn take_reaching(reaching: &mut Reaching, slots: &mut Vec<Option<usize>>, column: usize) -> bool {
    let Some(Some((cell, left))) = reaching.get_mut(column) else { return false };
    let cell = *cell;
    *left -= 1;
    if *left == 0 {
        reaching[column] = None;
    }
    put(slots, column, cell);
    true
}

fn put(slots: &mut Vec<Option<usize>>, column: usize, cell: usize) {
    if slots.len() <= column {
        slots.resize(column + 1, None);
    }
    slots[column] = Some(cell);
}

fn is_cell(e: &ElementRef) -> bool {
    matches!(e.value().name(), "td" | "th")
}

/// A span attribute's value as browsers read it: leading digits, else 1.
fn span(e: ElementRef, name: &str) -> usize {
    let Some(value) = e.value().attr(name) else { return 1 };
    let digits: String = value.trim().chars().take_while(char::is_ascii_digit).take(6).collect();
    digits.parse().unwrap_or(1)
}

/// The table's rows, grouped as row spans are bounded: `thead`, each `tbody`, `tfoot`, and
/// rows directly in the table.
fn row_groups(table: ElementRef<'_>) -> Vec<Vec<ElementRef<'_>>> {
    let mut groups: Vec<Vec<ElementRef>> = Vec::new();
    let mut loose: Vec<ElementRef> = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => loose.push(child),
            "thead" | "tbody" | "tfoot" => {
                if !loose.is_empty() {
                    groups.push(std::mem::take(&mut loose));
                }
                groups
                    .push(child.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "tr").collect());
            }
            _ => {}
        }
    }
    if !loose.is_empty() {
        groups.push(loose);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn grid(html: &str) -> (usize, usize, Vec<Vec<String>>) {
        let page = Html::parse_document(html);
        let table = page.select(&Selector::parse("table").unwrap()).next().unwrap();
        let grid = layout(table, &Selector::parse("td, th").unwrap()).unwrap();
        let texts =
            grid.rows.iter().map(|r| (0..grid.width()).map(|c| grid.text(r, c).to_string()).collect()).collect();
        (grid.width(), grid.rows.len(), texts)
    }

    #[test]
    fn merged_cells_fill_every_slot_they_cover() {
        let (_, _, t) = grid(
            "<table><tr><th>a</th><th colspan=2>b</th></tr>\
             <tr><td rowspan=2>x</td><td>1</td><td>2</td></tr><tr><td colspan=2>3</td></tr></table>",
        );
        assert_eq!(t, [["a", "b", "b"], ["x", "1", "2"], ["x", "3", "3"]]);
    }

    #[test]
    fn a_row_span_ends_with_its_group_and_hostile_spans_are_bounded() {
        let (_, _, t) = grid(
            "<table><thead><tr><th rowspan=5>h</th><th>i</th></tr></thead>\
             <tbody><tr><td>a</td><td rowspan=0>b</td></tr><tr><td>c</td></tr></tbody></table>",
        );
        assert_eq!(t, [["h", "i"], ["a", "b"], ["c", "b"]]);
        let (width, rows, _) =
            grid("<table><tr><td colspan=99999999 rowspan=99999999>x</td></tr><tr><td>y</td></tr></table>");
        assert_eq!((width, rows), (MAX_COLSPAN + 1, 2), "the second row starts after the span");
        let rows = "<tr><td colspan=1000>x</td></tr>".repeat(1100);
        let page = Html::parse_document(&format!("<table>{rows}</table>"));
        let table = page.select(&Selector::parse("table").unwrap()).next().unwrap();
        assert!(layout(table, &Selector::parse("td").unwrap()).is_err());
    }
}
