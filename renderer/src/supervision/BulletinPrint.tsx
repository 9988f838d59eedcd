/** The bulletin as it is printed: a plain official page (print CSS hides everything else). */
export function BulletinPrint(props: { officeName: string; issue: string; date: string; title: string; content: string }) {
  const [y, m, d] = props.date.split('-');
  return (
    <div className="bulletin-print" aria-hidden="true">
      <div className="bp-head">{props.title || '督办工作通报'}</div>
      {!props.title.includes(props.issue) && <div className="bp-issue">{props.issue}</div>}
      <div className="bp-meta">
        <span>{props.officeName}</span>
        <span>{y ? `${y}年${Number(m)}月${Number(d)}日` : ''}</span>
      </div>
      <hr />
      <div className="bp-body">
        {props.content.split('\n').map((line, i) => (
          <p key={i}>{line || '\u00a0'}</p>
        ))}
      </div>
    </div>
  );
}
