import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

const SCHOOL_HEADER = 'code,name_th,name_en,area_code,province_code,local_org_code,local_org_name_th';

let sequence = 0;
/** School codes of 10 digits: never among the 8-digit ones Given.school makes, and new in every test. */
const newCode = () =>
  `7${String(Date.now() % 1_000_000).padStart(6, '0')}${String(sequence++).padStart(3, '0')}`;

describe('Admin imports of schools and areas', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let obec: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const csv = (...lines: string[]) => [SCHOOL_HEADER, ...lines].join('\n') + '\n';
  const importSchools = (body: string, options: { skipInvalid?: boolean; by?: GivenMember | null } = {}) => {
    const by = options.by === undefined ? obec : options.by;
    const call = request(api.url)
      .post('/api/v1/admin/imports/schools')
      .query(options.skipInvalid ? { skipInvalid: 'true' } : {});
    if (by) void call.set(by.auth);
    return call.set('content-type', 'text/csv').send(body);
  };
  const importAreas = (body: string) =>
    request(api.url)
      .post('/api/v1/admin/imports/areas')
      .set(obec.auth)
      .set('content-type', 'text/csv')
      .send(body);
  const schoolsWithCodes = (codes: string[]): Promise<{ code: string; id: string; name_th: string }[]> =>
    api.dataSource.query(`SELECT code, id, name_th FROM school WHERE code = ANY($1::text[]) ORDER BY code`, [
      codes,
    ]);
  const count = async (table: 'school' | 'local_organisation' | 'area' | 'area_province') =>
    Number((await api.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('imports schools with Thai names into their areas, and re-importing the file updates them in place', async () => {
    const krabi = await given.areaId('P81');
    const trangKrabi = await given.areaId('S13');
    const [a, b, c] = [newCode(), newCode(), newCode()];
    const file = csv(
      `${a},โรงเรียนบ้านคลองหิน,,P81,81,,`,
      `${b},"โรงเรียนอ่าวนาง, ในพระบรมราชานุเคราะห์",Ao Nang School,P81,81,,`,
      `${c},โรงเรียนกระบี่วิทยาคม,,S13,81,,`,
    );

    const first = await importSchools(file).expect(200);
    expect(first.body).toEqual({ received: 3, created: 3, updated: 0, skipped: 0, errors: [] });

    const inKrabi = await request(api.url).get('/api/v1/schools').query({ areaId: krabi }).expect(200);
    expect(inKrabi.body.items).toEqual([
      expect.objectContaining({
        code: a,
        nameTh: 'โรงเรียนบ้านคลองหิน',
        nameEn: null,
        areaId: krabi,
        provinceCode: '81',
      }),
      expect.objectContaining({
        code: b,
        nameTh: 'โรงเรียนอ่าวนาง, ในพระบรมราชานุเคราะห์',
        nameEn: 'Ao Nang School',
        areaId: krabi,
        localOrganisationId: null,
      }),
    ]);
    const secondary = await request(api.url).get('/api/v1/schools').query({ areaId: trangKrabi }).expect(200);
    expect(secondary.body.items.map((s: { code: string }) => s.code)).toEqual([c]);
    const found = await request(api.url).get('/api/v1/schools').query({ q: 'อ่าวนาง' }).expect(200);
    expect(found.body.items.map((s: { code: string }) => s.code)).toEqual([b]);

    const before = await schoolsWithCodes([a, b, c]);
    const again = await importSchools(file).expect(200);
    expect(again.body).toEqual({ received: 3, created: 0, updated: 3, skipped: 0, errors: [] });
    expect(await schoolsWithCodes([a, b, c])).toEqual(before);

    // A corrected name arrives in a later file: the same school (same id) now has the new name.
    const renamed = await importSchools(csv(`${a},โรงเรียนบ้านคลองหินพัฒนา,,P81,81,,`)).expect(200);
    expect(renamed.body).toMatchObject({ created: 0, updated: 1 });
    const school = await request(api.url).get(`/api/v1/schools/${before[0]!.id}`).expect(200);
    expect(school.body).toMatchObject({ code: a, nameTh: 'โรงเรียนบ้านคลองหินพัฒนา' });
    expect(await schoolsWithCodes([a])).toHaveLength(1);

    const audit = await api.dataSource.query(
      `SELECT actor_id, details FROM audit_log WHERE action = 'schools.imported' ORDER BY seq`,
    );
    expect(audit.slice(-3)).toEqual([
      { actor_id: obec.id, details: { received: 3, created: 3, updated: 0, skipped: 0 } },
      { actor_id: obec.id, details: { received: 3, created: 0, updated: 3, skipped: 0 } },
      { actor_id: obec.id, details: { received: 1, created: 0, updated: 1, skipped: 0 } },
    ]);
  });

  describe('a file with bad rows', () => {
    let good1: string;
    let good2: string;
    let file: string;

    beforeAll(() => {
      good1 = newCode();
      good2 = newCode();
      file = csv(
        `${good1},โรงเรียนบ้านเขาทอง,,P81,81,,`,
        `${newCode()},โรงเรียนบ้านไม่มีเขต,,P99,81,,`,
        `12AB,โรงเรียนบ้านรหัสผิด,,P81,81,,`,
        `${good2},โรงเรียนบ้านหนองทะเล,,P81,81,,`,
      );
    });

    it('is refused whole with 422, every bad row named by its line, and nothing written', async () => {
      const schoolsBefore = await count('school');
      const response = await importSchools(file)
        .expect(422)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 422, code: 'IDENTITY_IMPORT_HAS_ERRORS' });
      expect(response.body.errors).toEqual([
        { line: 3, key: expect.any(String), reason: expect.stringContaining('P99') },
        { line: 4, key: '12AB', reason: expect.stringContaining('6 to 12 digits') },
      ]);
      expect(await count('school')).toBe(schoolsBefore);
      expect(await schoolsWithCodes([good1, good2])).toEqual([]);
    });

    it('with skipInvalid=true imports the good rows and reports the skipped ones', async () => {
      const response = await importSchools(file, { skipInvalid: true }).expect(200);
      expect(response.body).toEqual({
        received: 4,
        created: 2,
        updated: 0,
        skipped: 2,
        errors: [
          { line: 3, key: expect.any(String), reason: expect.stringContaining('P99') },
          { line: 4, key: '12AB', reason: expect.stringContaining('6 to 12 digits') },
        ],
      });
      expect((await schoolsWithCodes([good1, good2])).map((s) => s.name_th)).toEqual([
        'โรงเรียนบ้านเขาทอง',
        'โรงเรียนบ้านหนองทะเล',
      ]);
    });
  });

  it('reads a spreadsheet export (BOM, Windows line ends) and counts lines as the spreadsheet does', async () => {
    const text = [
      '\uFEFF' + SCHOOL_HEADER,
      `${newCode()},โรงเรียนบ้านนาเหนือ,,P81,81,,`,
      '',
      `${newCode()},,,P81,81,,`,
    ].join('\r\n');
    const response = await importSchools(text).expect(422);
    expect(response.body.errors).toEqual([
      { line: 4, key: expect.any(String), reason: expect.stringContaining('name_th') },
    ]);
  });

  it('reports a code that appears twice in one file, and writes neither', async () => {
    const code = newCode();
    const response = await importSchools(
      csv(
        `${code},โรงเรียนบ้านต้นแบบ,,P81,81,,`,
        `${newCode()},โรงเรียนบ้านอื่น,,P81,81,,`,
        `${code},โรงเรียนบ้านซ้ำ,,P81,81,,`,
      ),
    ).expect(422);
    expect(response.body.errors).toEqual([{ line: 4, key: code, reason: expect.stringContaining('twice') }]);
    expect(await schoolsWithCodes([code])).toEqual([]);
  });

  it('creates a local administrative organisation for a school that belongs to one and no area', async () => {
    const [a, b] = [newCode(), newCode()];
    const localCode = `LAO${newCode()}`;
    const before = await count('local_organisation');
    const response = await importSchools(
      csv(
        `${a},โรงเรียนเทศบาลเมืองกระบี่ 1,,,81,${localCode},เทศบาลเมืองกระบี่`,
        // The organisation's name given once is enough for the rest of the file.
        `${b},โรงเรียนเทศบาลเมืองกระบี่ 2,,,81,${localCode},`,
      ),
    ).expect(200);
    expect(response.body).toMatchObject({ received: 2, created: 2, skipped: 0, errors: [] });
    expect(await count('local_organisation')).toBe(before + 1);
    const [organisation] = await api.dataSource.query(
      `SELECT id, name_th, province_code FROM local_organisation WHERE code = $1`,
      [localCode],
    );
    expect(organisation).toEqual({ id: expect.any(String), name_th: 'เทศบาลเมืองกระบี่', province_code: '81' });

    const [school] = await schoolsWithCodes([a]);
    const shown = await request(api.url).get(`/api/v1/schools/${school!.id}`).expect(200);
    expect(shown.body).toMatchObject({
      areaId: null,
      localOrganisationId: organisation.id,
      provinceCode: '81',
    });

    // Later files may name the organisation by its code alone.
    const c = newCode();
    await importSchools(csv(`${c},โรงเรียนเทศบาลเมืองกระบี่ 3,,,81,${localCode},`)).expect(200);
    const [third] = await api.dataSource.query(`SELECT local_organisation_id FROM school WHERE code = $1`, [
      c,
    ]);
    expect(third.local_organisation_id).toBe(organisation.id);
    expect(await count('local_organisation')).toBe(before + 1);

    // An unknown organisation without a name cannot be created.
    const unnamed = await importSchools(csv(`${newCode()},โรงเรียนไร้สังกัด,,,81,LAO-NOBODY,`)).expect(422);
    expect(unnamed.body.errors).toEqual([
      { line: 2, key: expect.any(String), reason: expect.stringContaining('LAO-NOBODY') },
    ]);
    const orphan = await importSchools(csv(`${newCode()},โรงเรียนไร้สังกัด,,,81,,`)).expect(422);
    expect(orphan.body.errors[0].reason).toContain('area_code or local_org_code');
  });

  it("refuses a school whose province is not one of its area's provinces", async () => {
    const before = await count('school');
    const response = await importSchools(csv(`${newCode()},โรงเรียนผิดจังหวัด,,P81,10,,`)).expect(422);
    expect(response.body.errors).toEqual([
      { line: 2, key: expect.any(String), reason: 'province_code 10 is not a province of area P81' },
    ]);
    expect(await count('school')).toBe(before);
  });

  it('refuses an empty file or one without the required columns', async () => {
    const empty = await importSchools(`${SCHOOL_HEADER}\n`).expect(400);
    expect(empty.body.code).toBe('IDENTITY_IMPORT_EMPTY');
    const missing = await importSchools(`code,name_th\n${newCode()},โรงเรียนบ้านนา\n`).expect(400);
    expect(missing.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: expect.stringContaining('province_code'),
    });
  });

  it('lets only OBEC admins import: 401 anonymous, 403 for a teacher', async () => {
    const code = newCode();
    const file = csv(`${code},โรงเรียนบ้านลอบนำเข้า,,P81,81,,`);
    const anonymous = await importSchools(file, { by: null }).expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    const teacher = await given.member({ schoolId: (await given.school('P81')).id });
    const forbidden = await importSchools(file, { by: teacher }).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    const areaAdmin = await given.member({
      roles: [{ role: 'area_admin', scopeId: await given.areaId('P81') }],
    });
    await importSchools(file, { by: areaAdmin }).expect(403);
    await request(api.url)
      .post('/api/v1/admin/imports/areas')
      .set(teacher.auth)
      .set('content-type', 'text/csv')
      .send('code,level,name_th,name_en,province_th,area_no\n')
      .expect(403);
    expect(await schoolsWithCodes([code])).toEqual([]);
  });

  it('answers a JSON body with 415', async () => {
    const code = newCode();
    const response = await request(api.url)
      .post('/api/v1/admin/imports/schools')
      .set(obec.auth)
      .send([{ code, name_th: 'โรงเรียนบ้านเจสัน', area_code: 'P81', province_code: '81' }])
      .expect(415);
    expect(response.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    const areas = await request(api.url)
      .post('/api/v1/admin/imports/areas')
      .set(obec.auth)
      .send({ level: 'primary' })
      .expect(415);
    expect(areas.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await schoolsWithCodes([code])).toEqual([]);
  });

  describe('areas', () => {
    const esa = readFileSync(join(__dirname, '../../data/reference/esa.csv'), 'utf8');
    const S07_NAME = 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาจันทบุรี ตราด';

    it("re-importing OBEC's own list changes nothing: 0 created, 245 updated", async () => {
      const links = await count('area_province');
      const ids = await api.dataSource.query(`SELECT code, id FROM area ORDER BY code`);
      const response = await importAreas(esa).expect(200);
      expect(response.body).toEqual({ received: 245, created: 0, updated: 245, skipped: 0, errors: [] });
      expect(await count('area')).toBe(245);
      expect(await count('area_province')).toBe(links);
      expect(await api.dataSource.query(`SELECT code, id FROM area ORDER BY code`)).toEqual(ids);
    });

    it('renames an area in place: same id, its schools still in it', async () => {
      const id = await given.areaId('S07');
      const school = await given.school('S07', 'โรงเรียนเบญจมราชูทิศ จันทบุรี');
      const renamedFile = esa.replace(S07_NAME, 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาจันทบุรีตราด');
      expect(renamedFile).not.toBe(esa);

      const response = await importAreas(renamedFile).expect(200);
      expect(response.body).toMatchObject({ created: 0, updated: 245, skipped: 0 });
      const area = await request(api.url).get(`/api/v1/areas/${id}`).expect(200);
      expect(area.body).toMatchObject({
        id,
        code: 'S07',
        nameTh: 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาจันทบุรีตราด',
        shortNameTh: 'สพม.จันทบุรีตราด',
        schoolCount: 1,
      });
      expect(area.body.provinces.map((p: { code: string }) => p.code)).toEqual(['22', '23']);
      const shown = await request(api.url).get(`/api/v1/schools/${school.id}`).expect(200);
      expect(shown.body.areaId).toBe(id);
      expect(await count('area')).toBe(245);
    });

    it('adds a new area from a later list, and refuses a bad row whole', async () => {
      const header = esa.split(/\r?\n/)[0];
      const bad = await importAreas(
        `${header}\n99,secondary,สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาทดสอบ,,กระบี่,\n,tertiary,สำนักงานทดสอบ,,กระบี่,\n`,
      ).expect(422);
      expect(bad.body.errors).toEqual([
        { line: 3, key: 'สำนักงานทดสอบ', reason: expect.stringContaining('primary or secondary') },
      ]);
      expect(await count('area')).toBe(245);

      const added = await importAreas(
        `${header}\n99,secondary,สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาทดสอบ,,กระบี่,\n`,
      ).expect(200);
      expect(added.body).toEqual({ received: 1, created: 1, updated: 0, skipped: 0, errors: [] });
      const krabi = await request(api.url)
        .get('/api/v1/areas')
        .query({ province: '81', level: 'secondary' })
        .expect(200);
      expect(krabi.body.items.map((a: { code: string }) => a.code)).toEqual(['S13', 'S99']);
    });
  });
});
