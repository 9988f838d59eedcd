import type { ColDef } from 'ag-grid-community';
import { PERSON_FIELD_LABELS, POLITICAL_STATUSES, type Person, type PersonField } from '../../../shared/domain/roster';
import type { Unit } from '../../../shared/domain/units';
import { ValidatingEditor } from './ValidatingEditor';
import { RosterCell } from './RosterCell';

const WIDTHS: Partial<Record<PersonField, number>> = {
  name: 90,
  sex: 64,
  badge: 96,
  idNumber: 176,
  birthDate: 104,
  politicalStatus: 112,
  unitId: 130,
  post: 100,
  rank: 110,
  phone: 124,
  joinedDate: 96,
  category: 96,
  note: 180,
};

const ORDER: PersonField[] = ['name', 'sex', 'badge', 'idNumber', 'birthDate', 'politicalStatus', 'unitId', 'post', 'rank', 'phone', 'joinedDate', 'category', 'note'];

/** The roster's columns, in the order of the paper 花名册. `colId` is always the field name. */
export function rosterColumns(units: Unit[]): ColDef<Person>[] {
  return ORDER.map((field): ColDef<Person> => {
    const base: ColDef<Person> = {
      colId: field,
      headerName: PERSON_FIELD_LABELS[field],
      width: WIDTHS[field] ?? 110,
      cellRenderer: RosterCell,
      cellEditor: ValidatingEditor,
      cellEditorParams: { field },
      cellEditorPopup: true,
      cellEditorPopupPosition: 'over',
      tooltipValueGetter: undefined,
    };
    switch (field) {
      case 'name':
        return { ...base, field: 'name', pinned: 'left', cellClass: 'cell-name' };
      case 'sex':
        return { ...base, field: 'sex', cellEditor: 'agSelectCellEditor', cellEditorPopup: false, cellEditorParams: { values: ['', '男', '女'] } };
      case 'politicalStatus':
        return { ...base, field: 'politicalStatus', cellEditor: 'agSelectCellEditor', cellEditorPopup: false, cellEditorParams: { values: ['', ...POLITICAL_STATUSES] } };
      case 'unitId':
        return {
          ...base,
          // shown, sorted, filtered and searched by its name; saved as the unit it names
          valueGetter: (p) => p.data?.unitName ?? '',
          cellEditor: 'agSelectCellEditor',
          cellEditorPopup: false,
          cellEditorParams: { values: ['', ...units.map((u) => u.name)] },
        };
      case 'idNumber':
      case 'badge':
      case 'phone':
        return { ...base, field, cellClass: 'cell-mono' };
      default:
        return { ...base, field };
    }
  });
}

export const ROSTER_FIELD_ORDER = ORDER;
