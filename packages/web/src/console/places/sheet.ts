/**
 * A spreadsheet as rows of text cells, the shape the import route takes: .xlsx through exceljs, .csv through
 * papaparse. Both load only when a manager picks a file (they are large; the console does not carry them).
 */
export async function readSheet(file: File): Promise<string[][]> {
  if (/\.xlsx$/i.test(file.name)) {
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    const sheet = book.worksheets[0];
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let i = 1; i <= sheet.columnCount; i++) cells.push(row.getCell(i).text.trim());
      rows.push(cells);
    });
    return rows;
  }
  const { default: Papa } = await import("papaparse");
  const text = await file.text();
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  return parsed.data.map((r) => r.map((c) => String(c ?? "")));
}
