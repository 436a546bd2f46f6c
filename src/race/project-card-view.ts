import type { Project } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import type { Line, Reply } from '../core/reply.ts';
import { formatWan, sumWan } from '../domain/money.ts';
import { zh } from '../text/zh.ts';
import { LIGHT_LABEL, lightReason, type ProjectLight } from './lights.ts';

/** The project card: everything a leader asks "XX项目进展如何" for, newest news first. */
export function projectCard(store: Store, p: Project, light?: ProjectLight): Reply {
  const unit = store.unit(p.unitId)?.name ?? p.unitId;
  const lines: Line[] = [zh.cardStage(p.stage, p.major, unit)];
  const owner =
    p.ownerName && store.removedMemberNames().has(p.ownerName) ? zh.ownerRemoved(p.ownerName) : p.ownerName;
  const who = [p.leaderName && zh.cardLeader(p.leaderName), owner && zh.cardOwner(owner)].filter(Boolean);
  if (who.length) lines.push(who.join('　'));
  const about = [p.chain && zh.cardChain(p.chain), p.investor && zh.cardInvestor(p.investor)].filter(Boolean);
  if (about.length) lines.push(about.join('　'));
  if (p.investmentWan !== null) lines.push(zh.cardInvestment(formatWan(p.investmentWan)));
  if (p.negotiationSince) lines.push(zh.cardNegotiation(p.negotiationSince));
  if (p.signing) {
    lines.push(zh.cardSigning(p.signing.date, p.signing.type, formatWan(p.signing.amountWan)));
    if (!p.start && p.stage !== '终止') lines.push(zh.cardStartDeadline(p.signing.startDeadline));
  }
  if (p.start) lines.push(zh.cardStart(p.start.date, p.start.type));
  if (p.instalments.length) {
    const total = sumWan(p.instalments.map((i) => i.amountWan));
    const last = p.instalments[p.instalments.length - 1];
    lines.push(zh.cardFunds(formatWan(total), p.instalments.length, last?.date));
  }
  if (p.termination) {
    lines.push({ text: zh.cardTerminated(p.termination.date, p.termination.reason), emphasis: true });
  }
  if (light && p.stage !== '终止' && p.stage !== '投产') {
    lines.push(zh.cardLight(LIGHT_LABEL[light.light], light.reasons.map(lightReason)));
  }
  for (const n of p.notes.slice(-3).reverse()) lines.push(zh.cardNote(n.date, n.text));
  for (const q of p.problems
    .filter((x) => !x.solved)
    .slice(-2)
    .reverse())
    lines.push({ text: zh.cardProblem(q.category, q.text), colour: 'orange' });
  const solved = p.problems.filter((x) => x.solved);
  if (solved.length) lines.push(zh.cardSolved(solved.length, solved.at(-1)?.solved?.date));
  return { tone: 'info', title: `${p.id} ${p.name}`, lines };
}
