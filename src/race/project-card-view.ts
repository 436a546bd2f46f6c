import type { Project } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import type { Line, Reply } from '../core/reply.ts';
import { formatWan, sumWan } from '../domain/money.ts';
import { zh } from '../text/zh.ts';
import { LIGHT_LABEL, lightReason, type ProjectLight } from './lights.ts';

/** The project card: everything a leader asks "XX项目进展如何" for, newest news first. */
export function projectCard(store: Store, p: Project, light?: ProjectLight): Reply {
  const unit = store.unit(p.unitId)?.name ?? p.unitId;
  const lines: Line[] = [`阶段：${p.stage}${p.major ? '（重大项目）' : ''}　责任单位：${unit}`];
  const owner =
    p.ownerName && store.removedMemberNames().has(p.ownerName) ? zh.ownerRemoved(p.ownerName) : p.ownerName;
  const who = [p.leaderName && `包联领导：${p.leaderName}`, owner && `负责人：${owner}`].filter(Boolean);
  if (who.length) lines.push(who.join('　'));
  const about = [p.chain && `产业链：${p.chain}`, p.investor && `投资方：${p.investor}`].filter(Boolean);
  if (about.length) lines.push(about.join('　'));
  if (p.investmentWan !== null) lines.push(`总投资：${formatWan(p.investmentWan)}`);
  if (p.negotiationSince) lines.push(`在谈：${p.negotiationSince} 起`);
  if (p.signing) {
    lines.push(`签约：${p.signing.date} ${p.signing.type} ${formatWan(p.signing.amountWan)}`);
    if (!p.start && p.stage !== '终止') lines.push(`约定开工期限：${p.signing.startDeadline}`);
  }
  if (p.start) lines.push(`开工：${p.start.date} ${p.start.type}`);
  if (p.instalments.length) {
    const total = sumWan(p.instalments.map((i) => i.amountWan));
    const last = p.instalments[p.instalments.length - 1];
    lines.push(`到位资金：${formatWan(total)}（${p.instalments.length} 笔，最近 ${last?.date}）`);
  }
  if (p.termination) {
    lines.push({ text: `已终止：${p.termination.date}，原因：${p.termination.reason}`, emphasis: true });
  }
  if (light && p.stage !== '终止' && p.stage !== '投产') {
    lines.push(
      `${LIGHT_LABEL[light.light]}${light.reasons.length ? `：${light.reasons.map(lightReason).join('；')}` : ''}`,
    );
  }
  for (const n of p.notes.slice(-3).reverse()) lines.push(`进展 ${n.date}：${n.text}`);
  for (const q of p.problems
    .filter((x) => !x.solved)
    .slice(-2)
    .reverse())
    lines.push({ text: `问题（${q.category}）：${q.text}`, colour: 'orange' });
  const solved = p.problems.filter((x) => x.solved);
  if (solved.length) lines.push(`已解决问题 ${solved.length} 个（最近 ${solved.at(-1)?.solved?.date}）`);
  return { tone: 'info', title: `${p.id} ${p.name}`, lines };
}
