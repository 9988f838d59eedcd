import type { Person, PersonField } from '../../../shared/domain/roster';

/** Database column for each roster field: the one place the two naming schemes meet. */
export const PERSON_COLUMNS: Record<PersonField, string> = {
  name: 'name',
  sex: 'sex',
  badge: 'badge',
  idNumber: 'id_number',
  birthDate: 'birth_date',
  politicalStatus: 'political_status',
  unitId: 'unit_id',
  post: 'post',
  rank: 'rank',
  phone: 'phone',
  joinedDate: 'joined_date',
  category: 'category',
  note: 'note',
};

export const SELECT_PEOPLE = `
  SELECT p.id, p.name, p.sex, p.badge, p.id_number AS idNumber, p.birth_date AS birthDate,
         p.political_status AS politicalStatus, p.unit_id AS unitId, u.name AS unitName,
         p.post, p.rank, p.phone, p.joined_date AS joinedDate, p.category, p.note,
         p.updated_at AS updatedAt
  FROM people p LEFT JOIN units u ON u.id = p.unit_id`;

export type PersonRow = Person;
