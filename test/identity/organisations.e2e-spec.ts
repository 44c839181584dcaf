import request from 'supertest';
import { Given } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

interface AreaItem {
  id: string;
  code: string;
  level: 'primary' | 'secondary';
  nameTh: string;
  shortNameTh: string;
  nameEn: string;
  areaNo: number | null;
  provinces: { code: string; nameTh: string; nameEn: string }[];
}

interface SchoolItem {
  id: string;
  code: string;
  nameTh: string;
  areaId: string | null;
  provinceCode: string;
}

// Thai consonants in alphabetical order: names built from them sort the same by code point and in Thai.
const CONSONANTS = [...'กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ'];

describe('Organisations: provinces, areas and schools', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const get = (path: string) => request(api.url).get(`/api/v1${path}`);
  const areas = async (query: Record<string, string>): Promise<AreaItem[]> => {
    const response = await get('/areas').query(query).expect(200);
    expect(response.body.nextCursor).toBeNull();
    return response.body.items;
  };

  it('lists the 77 provinces, Bangkok among them, without signing in', async () => {
    const response = await get('/provinces').expect(200);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items).toHaveLength(77);
    expect(response.body.items).toContainEqual({
      code: '10',
      nameTh: 'กรุงเทพมหานคร',
      nameEn: 'Bangkok',
      regionTh: 'ภาคกลาง',
    });
    const codes = response.body.items.map((p: { code: string }) => p.code);
    expect(new Set(codes).size).toBe(77);
  });

  it("lists OBEC's 245 areas: 183 primary and 62 secondary", async () => {
    const all = await areas({});
    expect(all).toHaveLength(245);
    expect(new Set(all.map((a) => a.code)).size).toBe(245);
    const primary = await areas({ level: 'primary' });
    const secondary = await areas({ level: 'secondary' });
    expect(primary).toHaveLength(183);
    expect(secondary).toHaveLength(62);
    expect(primary.every((a) => a.level === 'primary' && /^P\d{2}(-\d+)?$/.test(a.code))).toBe(true);
    expect(secondary.every((a) => a.level === 'secondary' && /^S\d{2}$/.test(a.code))).toBe(true);
    expect(all.find((a) => a.code === 'P71-1')).toMatchObject({
      level: 'primary',
      nameTh: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษากาญจนบุรี เขต 1',
      shortNameTh: 'สพป.กาญจนบุรี เขต 1',
      areaNo: 1,
      provinces: [{ code: '71', nameTh: 'กาญจนบุรี', nameEn: 'Kanchanaburi' }],
    });
  });

  it('filters areas by province code, Thai name or English name alike', async () => {
    const byThai = await areas({ province: 'กระบี่' });
    const byCode = await areas({ province: '81' });
    const byEnglish = await areas({ province: 'krabi' });
    expect(byThai.map((a) => a.code).sort()).toEqual(['P81', 'S13']);
    expect(byCode).toEqual(byThai);
    expect(byEnglish).toEqual(byThai);
    const krabiPrimary = byThai.find((a) => a.code === 'P81')!;
    expect(krabiPrimary).toMatchObject({ level: 'primary', shortNameTh: 'สพป.กระบี่', areaNo: null });
    // The secondary area serving Krabi also serves Trang (provinces listed by code).
    expect(byThai.find((a) => a.code === 'S13')!.provinces.map((p) => p.nameTh)).toEqual(['กระบี่', 'ตรัง']);

    const krabiSecondary = await areas({ province: 'Krabi', level: 'secondary' });
    expect(krabiSecondary.map((a) => a.code)).toEqual(['S13']);
    expect(await areas({ province: 'Atlantis' })).toEqual([]);
  });

  it('refuses an unknown level', async () => {
    const response = await get('/areas').query({ level: 'tertiary' }).expect(400);
    expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('shows one area with its provinces and how many schools and active members it has', async () => {
    const areaId = await given.areaId('P71-1');
    const schoolA = await given.school('P71-1', 'โรงเรียนบ้านท่าม่วง');
    await given.school('P71-1', 'โรงเรียนบ้านลาดหญ้า');
    await given.school('P71-2', 'โรงเรียนบ้านทองผาภูมิ');
    await given.member({ schoolId: schoolA.id });
    await given.member({ schoolId: schoolA.id });

    const response = await get(`/areas/${areaId}`).expect(200);
    expect(response.body).toEqual({
      id: areaId,
      code: 'P71-1',
      level: 'primary',
      nameTh: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษากาญจนบุรี เขต 1',
      shortNameTh: 'สพป.กาญจนบุรี เขต 1',
      nameEn: 'Kanchanaburi Primary Educational Service Area Office 1',
      areaNo: 1,
      provinces: [{ code: '71', nameTh: 'กาญจนบุรี', nameEn: 'Kanchanaburi' }],
      schoolCount: 2,
      memberCount: 2,
    });
  });

  it('lists both provinces of a secondary area that covers two', async () => {
    const areaId = await given.areaId('S07');
    const response = await get(`/areas/${areaId}`).expect(200);
    expect(response.body).toMatchObject({
      code: 'S07',
      level: 'secondary',
      nameTh: 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาจันทบุรี ตราด',
      shortNameTh: 'สพม.จันทบุรี ตราด',
      schoolCount: 0,
      memberCount: 0,
    });
    expect(response.body.provinces).toEqual([
      { code: '22', nameTh: 'จันทบุรี', nameEn: 'Chanthaburi' },
      { code: '23', nameTh: 'ตราด', nameEn: 'Trat' },
    ]);
    // And the province filter finds it from either province.
    expect((await areas({ province: 'ตราด', level: 'secondary' })).map((a) => a.code)).toEqual(['S07']);
    expect((await areas({ province: 'Chanthaburi', level: 'secondary' })).map((a) => a.code)).toEqual([
      'S07',
    ]);
  });

  it('answers an unknown area with 404 and a malformed id with 400', async () => {
    const unknown = await get('/areas/0190a6e4-0000-7000-8000-000000000000')
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 404, code: 'IDENTITY_AREA_NOT_FOUND' });
    const malformed = await get('/areas/not-a-uuid').expect(400);
    expect(malformed.body.status).toBe(400);
  });

  describe('schools', () => {
    let areaId: string;
    let created: { id: string; nameTh: string }[];

    beforeAll(async () => {
      areaId = await given.areaId('P22-1');
      // 45 schools, made in an order that is not their name order.
      const names = Array.from({ length: 45 }, (_, i) => {
        const first = CONSONANTS[(i * 7) % CONSONANTS.length]!;
        const second = CONSONANTS[(i * 11) % CONSONANTS.length]!;
        return `โรงเรียนบ้าน${first}${second}`;
      });
      created = [];
      for (const name of names) {
        const school = await given.school('P22-1', name);
        created.push({ id: school.id, nameTh: `${name} ${school.code}` });
      }
      // A school elsewhere must never show in this area's list.
      await given.school('P22-2', 'โรงเรียนบ้านนอกเขต');
    });

    const page = async (query: Record<string, string>) => {
      const response = await get('/schools').query(query).expect(200);
      return response.body as { items: SchoolItem[]; nextCursor: string | null };
    };

    it('pages through an area by cursor: 20 a page, every school once, sorted by Thai name', async () => {
      const seen: SchoolItem[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const body: { items: SchoolItem[]; nextCursor: string | null } = await page({
          areaId,
          ...(cursor ? { cursor } : {}),
        });
        pageSizes.push(body.items.length);
        seen.push(...body.items);
        cursor = body.nextCursor;
      } while (cursor !== null && pageSizes.length < 10);

      expect(pageSizes).toEqual([20, 20, 5]);
      expect(new Set(seen.map((s) => s.id)).size).toBe(45);
      expect(seen.map((s) => s.id).sort()).toEqual(created.map((s) => s.id).sort());
      expect(seen.every((s) => s.areaId === areaId && s.provinceCode === '22')).toBe(true);
      const expectedOrder = [...created].sort((a, b) => (a.nameTh < b.nameTh ? -1 : 1)).map((s) => s.nameTh);
      expect(seen.map((s) => s.nameTh)).toEqual(expectedOrder);
      const thai = new Intl.Collator('th');
      expect([...expectedOrder].sort(thai.compare)).toEqual(expectedOrder);
    });

    it('pages without skipping or repeating schools that share one name', async () => {
      const twinArea = await given.areaId('P23');
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) {
        const school = await given.school('P23');
        // Many schools really are called the same; make the names identical, not merely alike.
        await api.dataSource.query(`UPDATE school SET name_th = 'โรงเรียนบ้านคลองใหญ่' WHERE id = $1`, [
          school.id,
        ]);
        ids.push(school.id);
      }
      const first = await page({ areaId: twinArea });
      expect(first.items).toHaveLength(20);
      const second = await page({ areaId: twinArea, cursor: first.nextCursor! });
      expect(second.nextCursor).toBeNull();
      const seen = [...first.items, ...second.items].map((s) => s.id);
      expect(seen).toHaveLength(25);
      expect([...seen].sort()).toEqual([...ids].sort());
    });

    it('finds schools by a fragment of their Thai name', async () => {
      const target = created[3]!;
      const fragment = target.nameTh.slice('โรงเรียนบ้าน'.length, 'โรงเรียนบ้าน'.length + 2);
      const expected = created.filter((s) => s.nameTh.includes(fragment)).map((s) => s.id);
      const body = await page({ areaId, q: fragment });
      expect(body.items.map((s) => s.id).sort()).toEqual(expected.sort());
      expect(body.items.map((s) => s.id)).toContain(target.id);

      const nowhere = await page({ q: 'นอกเขต' });
      expect(nowhere.items.map((s) => s.nameTh)).toEqual([expect.stringMatching(/^โรงเรียนบ้านนอกเขต /)]);
      expect((await page({ areaId, q: 'นอกเขต' })).items).toEqual([]);
      // Wildcards are matched as text, not as patterns.
      expect((await page({ q: '%' })).items).toEqual([]);
      expect((await page({ q: '_' })).items).toEqual([]);
    });

    it('shows one school, and 404 for an unknown one', async () => {
      const target = created[0]!;
      const response = await get(`/schools/${target.id}`).expect(200);
      expect(response.body).toMatchObject({
        id: target.id,
        nameTh: target.nameTh,
        areaId,
        provinceCode: '22',
      });
      const unknown = await get('/schools/0190a6e4-0000-7000-8000-000000000000').expect(404);
      expect(unknown.body.code).toBe('IDENTITY_SCHOOL_UNKNOWN');
    });

    it('refuses a cursor it did not make', async () => {
      for (const cursor of ['not-a-cursor', Buffer.from('{"nameTh":1}').toString('base64url')]) {
        const response = await get('/schools').query({ areaId, cursor }).expect(400);
        expect(response.body).toMatchObject({ status: 400, code: 'PAGINATION_INVALID_CURSOR' });
      }
    });

    it('answers schools of an area that does not exist with 404, not an empty list', async () => {
      const response = await get('/schools')
        .query({ areaId: '0190a6e4-0000-7000-8000-000000000000' })
        .expect(404);
      expect(response.body).toMatchObject({ status: 404, code: 'IDENTITY_AREA_NOT_FOUND' });
      await get('/schools').query({ areaId: 'P22-1' }).expect(400);
    });
  });
});
