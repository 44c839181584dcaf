import { Workbook } from 'exceljs';
import { TabularColumn, toCsv, toXlsx } from './tabular';

const COLUMNS: TabularColumn[] = [
  { key: 'area', th: 'เขตพื้นที่การศึกษา', en: 'Educational service area' },
  { key: 'participants', th: 'ผู้เข้าร่วม', en: 'Participants', type: 'integer' },
  { key: 'budget', th: 'งบประมาณ (บาท)', en: 'Budget (baht)', type: 'decimal' },
  { key: 'share', th: 'สัดส่วน', en: 'Share', type: 'percent' },
  { key: 'day', th: 'วันที่', en: 'Day', type: 'date' },
  { key: 'at', th: 'เวลาที่รายงาน', en: 'Reported at', type: 'datetime' },
];

const ROWS = [
  {
    area: 'สพป.กระบี่',
    participants: 476,
    budget: '497000.50', // numeric from PostgreSQL arrives as text
    share: 0.952,
    day: '2026-10-01',
    at: new Date('2026-11-02T07:30:00Z'), // 14:30 in Bangkok
  },
  {
    area: 'สพม.ขอนแก่น, "เขต 1"',
    participants: '1200', // bigint arrives as text
    budget: 0,
    share: null,
    day: new Date('2026-09-30T18:00:00Z'), // 1 October in Bangkok
    at: null,
  },
];

describe('toCsv', () => {
  it('writes UTF-8 with a byte order mark, Thai then English headers and RFC 4180 quoting', () => {
    const csv = toCsv(COLUMNS, ROWS);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toEqual([
      'เขตพื้นที่การศึกษา,ผู้เข้าร่วม,งบประมาณ (บาท),สัดส่วน,วันที่,เวลาที่รายงาน',
      'Educational service area,Participants,Budget (baht),Share,Day,Reported at',
      'สพป.กระบี่,476,497000.5,0.952,2026-10-01,2026-11-02 14:30:00+07:00',
      '"สพม.ขอนแก่น, ""เขต 1""",1200,0,,2026-10-01,',
      '',
    ]);
  });

  it('keeps one header row in the chosen language', () => {
    const text = toCsv(COLUMNS.slice(0, 2), [], { language: 'en' }).toString('utf8');
    expect(text).toBe('\uFEFFEducational service area,Participants\r\n');
  });

  it('defuses text that a spreadsheet would run as a formula, but not negative numbers', () => {
    const columns: TabularColumn[] = [
      { key: 'note', th: 'หมายเหตุ', en: 'Note' },
      { key: 'delta', th: 'ส่วนต่าง', en: 'Difference', type: 'integer' },
    ];
    const rows = [
      { note: '=HYPERLINK("http://evil.example","คลิก")', delta: -5 },
      { note: '+66 81 234 5678', delta: 3 },
      { note: '-1+1', delta: 0 },
      { note: '@SUM(A1)', delta: null },
      { note: '\t=1+1', delta: null },
      { note: 'ครูสมชาย = ดีมาก', delta: null },
    ];
    const lines = toCsv(columns, rows, { language: 'en' }).toString('utf8').slice(1).split('\r\n');
    expect(lines.slice(1, 7)).toEqual([
      `"'=HYPERLINK(""http://evil.example"",""คลิก"")",-5`,
      "'+66 81 234 5678,3",
      "'-1+1,0",
      "'@SUM(A1),",
      "'\t=1+1,",
      'ครูสมชาย = ดีมาก,',
    ]);
  });
});

describe('toXlsx', () => {
  it('opens in exceljs with the Thai and English headers, numbers as numbers and dates as dates', async () => {
    const buffer = await toXlsx(COLUMNS, ROWS, { sheetName: 'ตัวชี้วัดที่ 18: เขตพื้นที่ [2570]' });
    const workbook = new Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('ตัวชี้วัดที่ 18 เขตพื้นที่ 2570');

    expect(sheet.getRow(1).values).toEqual([undefined, ...COLUMNS.map((column) => column.th)]);
    expect(sheet.getRow(2).values).toEqual([undefined, ...COLUMNS.map((column) => column.en)]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });

    const first = sheet.getRow(3);
    expect(first.getCell(1).value).toBe('สพป.กระบี่');
    expect(first.getCell(2).value).toBe(476);
    expect(first.getCell(2).numFmt).toBe('#,##0');
    expect(first.getCell(3).value).toBe(497000.5);
    expect(first.getCell(4).value).toBe(0.952);
    expect(first.getCell(4).numFmt).toBe('0.0%');
    expect(first.getCell(5).value).toEqual(new Date('2026-10-01T00:00:00Z'));
    expect(first.getCell(5).numFmt).toBe('yyyy-mm-dd');
    // Shown as Bangkok wall-clock time (a spreadsheet has no time zones).
    expect(first.getCell(6).value).toEqual(new Date('2026-11-02T14:30:00Z'));

    const second = sheet.getRow(4);
    expect(second.getCell(1).value).toBe('สพม.ขอนแก่น, "เขต 1"');
    expect(second.getCell(2).value).toBe(1200);
    expect(second.getCell(3).value).toBe(0);
    expect(second.getCell(4).value).toBeNull();
    expect(second.getCell(5).value).toEqual(new Date('2026-10-01T00:00:00Z'));
    expect(sheet.rowCount).toBe(4);

    // Wide enough for the Thai header (vowel and tone marks take no width).
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(18);
  });

  it('puts one header row in the chosen language and keeps formula-like text as text', async () => {
    const buffer = await toXlsx([{ key: 'note', th: 'หมายเหตุ', en: 'Note' }], [{ note: '=1+1' }], {
      sheetName: 'รายงานผลการดำเนินงานตามตัวชี้วัดที่ 18',
      language: 'th',
    });
    const workbook = new Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    // Cut to Excel's 31 characters between graphemes: the last consonant keeps its vowel mark (วั).
    expect(sheet.name).toBe('รายงานผลการดำเนินงานตามตัวชี้วั');
    expect(sheet.getRow(1).values).toEqual([undefined, 'หมายเหตุ']);
    expect(sheet.getRow(2).getCell(1).value).toBe('=1+1');
    expect(sheet.getRow(2).getCell(1).type).toBe(3); // ValueType.String, never a formula
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
