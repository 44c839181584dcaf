import { EntityManager } from 'typeorm';
import { Bilingual } from './texts';

/** Small reads the subscribers need to write texts: titles and names (of content and organisations only). */
export async function innovationTitle(manager: EntityManager, id: string): Promise<string> {
  const rows: { title: string }[] = await manager.query(`SELECT title FROM innovation WHERE id = $1`, [id]);
  return rows[0]?.title ?? '';
}

export async function partnerName(manager: EntityManager, id: string): Promise<Bilingual> {
  const rows: { th: string; en: string | null }[] = await manager.query(
    `SELECT name_th AS th, name_en AS en FROM partner WHERE id = $1`,
    [id],
  );
  return { th: rows[0]?.th ?? '', en: rows[0]?.en ?? rows[0]?.th ?? '' };
}

export async function perkNames(
  manager: EntityManager,
  id: string,
): Promise<{ perk: Bilingual; partner: Bilingual }> {
  const rows: { th: string; en: string | null; partnerTh: string; partnerEn: string | null }[] =
    await manager.query(
      `SELECT p.title_th AS th, p.title_en AS en, pa.name_th AS "partnerTh", pa.name_en AS "partnerEn"
     FROM perk p JOIN partner pa ON pa.id = p.partner_id WHERE p.id = $1`,
      [id],
    );
  const row = rows[0];
  return {
    perk: { th: row?.th ?? '', en: row?.en ?? row?.th ?? '' },
    partner: { th: row?.partnerTh ?? '', en: row?.partnerEn ?? row?.partnerTh ?? '' },
  };
}
