import type { PlanView } from '../../../shared/domain/supervision';
import { useRules, levelLabel } from './levels';

const chineseDate = (iso: string) => (iso ? `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : '');

/**
 * The plan as it is printed (print CSS shows only this): the office's heading, the span, the
 * 填报单位/日期 line, then one table — 序号, 责任单位, 任务 … 备注 — on A4 with the header
 * repeated on every sheet.
 */
export function PlanPrint(props: { view: PlanView; officeName: string; unitName: string; today: string }) {
  const { rules } = useRules();
  const { view } = props;
  let n = 0;
  return (
    <div className="plan-print" aria-hidden="true" data-testid="plan-print">
      <div className="pp-head">
        {props.officeName}
        {props.unitName}
        {view.heading}
      </div>
      <div className="pp-span">（{view.span}）</div>
      <div className="pp-meta">
        <span>填报单位：{props.officeName}</span>
        <span>填报日期：{chineseDate(props.today)}</span>
      </div>
      <table className="pp-table">
        <thead>
          <tr>
            <th>序号</th>
            <th>责任单位</th>
            <th>任务名称</th>
            <th>责任人</th>
            <th>完成时限</th>
            <th>进度</th>
            <th>状态</th>
            <th>督办等级</th>
            <th>备注</th>
          </tr>
        </thead>
        <tbody>
          {view.byUnit.flatMap((g) =>
            g.items.map(({ task: t, carriedOver }, i) => (
              <tr key={t.id}>
                <td className="c">{++n}</td>
                {i === 0 && <td rowSpan={g.items.length}>{g.unit}</td>}
                <td>{t.title}</td>
                <td className="c">{t.responsibleName ?? ''}</td>
                <td className="c">{t.dueDate ?? ''}</td>
                <td className="c">{t.progress}%</td>
                <td className="c">{t.status}</td>
                <td className="c">{levelLabel(rules, t.level)}</td>
                <td className="c">{carriedOver ? '结转' : ''}</td>
              </tr>
            )),
          )}
          {n === 0 && (
            <tr>
              <td colSpan={9} className="c">
                本期没有到期或结转的任务
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="pp-total">共 {n} 项</div>
    </div>
  );
}
