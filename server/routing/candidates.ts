/** An online agent who may take conversations, as auto-assign weighs them. */
export interface Candidate {
  id: number;
  name: string;
  /** Open conversations the agent holds now. */
  load: number;
  /** When the agent last got a conversation, or came online if later (epoch ms). */
  idleSince: number;
  teamIds: Set<number>;
}

/**
 * The agent a conversation goes to: a member of its team (any candidate when it has none) with room
 * under `capacity`, the least loaded first, then the one idle longest; null when nobody fits.
 */
export function chooseAgent(
  candidates: Candidate[],
  conversation: { teamId: number | null },
  capacity: number,
  exclude: ReadonlySet<number> = new Set(),
): Candidate | null {
  let best: Candidate | null = null;
  for (const agent of candidates) {
    if (exclude.has(agent.id) || agent.load >= capacity) continue;
    if (conversation.teamId !== null && !agent.teamIds.has(conversation.teamId)) continue;
    if (!best || agent.load < best.load || (agent.load === best.load && agent.idleSince < best.idleSince)) {
      best = agent;
    }
  }
  return best;
}

/** Books a conversation to the chosen agent, so the next choice in the same round sees the new load. */
export function book(agent: Candidate, now = Date.now()) {
  agent.load += 1;
  agent.idleSince = now;
}
