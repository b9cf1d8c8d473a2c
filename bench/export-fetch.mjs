// bench/export's Node side (not a test): what a user's own script would do instead of
//   crossline-cli contacts list --provider=panora --all --format=csv
// Node's fetch, pages of 100 following Panora's next_cursor (the same requests as Crossline's RecordPager), and the
// same CSV on standard output: the five columns of the CLI (Name, Email, Phone, Created, Id) with the same cell texts
// (core/unified/resourceregistry.cpp's crm.contact columns, core/models/recordcolumns.cpp) and the same quoting (RFC
// 4180, CRLF, formula-guarded as core/models/csvexporter.cpp does). Rows are written page by page.
// Usage: PANORA_API_URL=… PANORA_API_KEY=… PANORA_CONNECTION_TOKEN=… node bench/export-fetch.mjs [pageSize] > out.csv
const base = process.env.PANORA_API_URL.replace(/\/+$/, '');
const pageSize = Number(process.argv[2] ?? 100);
const headers = {
  'x-api-key': process.env.PANORA_API_KEY,
  'x-connection-token': process.env.PANORA_CONNECTION_TOKEN,
  accept: 'application/json',
};

// RecordColumns::field: a string as is, a number or boolean as text, anything else empty.
function field(value) {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
const firstNonEmpty = (...values) => values.find((v) => v !== '') ?? '';
// RecordColumns::firstOf: list[0][key] when it is a string.
function firstOf(row, list, key) {
  const item = Array.isArray(row[list]) ? row[list][0] : undefined;
  const value = item && typeof item === 'object' ? item[key] : undefined;
  return typeof value === 'string' ? value : '';
}
// The Created column: created_at, else remote_created_at; shown in UTC with milliseconds (Qt::ISODateWithMs).
function created(row) {
  let value = row.created_at;
  if (value === undefined || value === null) value = row.remote_created_at;
  const date = typeof value === 'number' ? new Date(value) : typeof value === 'string' && value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}
// CsvExporter::field: a leading = + - @ tab or CR gets an apostrophe unless it is a phone number; quoted when needed.
const phone = /^\+[0-9][0-9 ().-]{5,}$/;
function csvField(value) {
  let text = value;
  if (text !== '' && '=+-@\t\r'.includes(text[0]) && !phone.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
}
function csvLine(cells) {
  return cells.map(csvField).join(',') + '\r\n';
}
function cells(row) {
  const joined = `${field(row.first_name)} ${field(row.last_name)}`.trim();
  return [
    firstNonEmpty(joined, field(row.name), field(row.display_full_name)),
    firstNonEmpty(firstOf(row, 'email_addresses', 'email_address'), field(row.email), field(row.email_address)),
    firstNonEmpty(firstOf(row, 'phone_numbers', 'phone_number'), field(row.phone), field(row.phone_number)),
    created(row),
    field(row.id),
  ];
}

function write(text) {
  return process.stdout.write(text) ? Promise.resolve() : new Promise((resolve) => process.stdout.once('drain', resolve));
}

await write(csvLine(['Name', 'Email', 'Phone', 'Created', 'Id']));
let cursor = null;
let lastId = null;
let rows = 0;
for (let page = 0; ; ++page) {
  const url = `${base}/crm/contacts?limit=${pageSize}` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}: ${await response.text()}`);
  const body = await response.json();
  const data = Array.isArray(body) ? body : body.data;
  let out = '';
  data.forEach((row, i) => {
    if (i === 0 && page > 0 && lastId !== null && row.id === lastId) return; // an inclusive cursor's boundary row
    out += csvLine(cells(row));
    ++rows;
  });
  await write(out);
  if (data.length) lastId = data[data.length - 1].id;
  const next = typeof body.next_cursor === 'string' ? body.next_cursor : '';
  if (!next || !data.length || next === cursor) break;
  cursor = next;
}
process.stderr.write(`${rows} contacts from panora\n`);
