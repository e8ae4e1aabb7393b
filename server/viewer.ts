import { actionId, type ActionKey } from '../plugin/permissions';

/** An admin user's ability, as Strapi's admin auth puts it on `ctx.state.userAbility`. */
export interface Ability {
  can(action: string, subject?: unknown): boolean;
}

/** The agent making a request, with the plugin permissions their roles grant. */
export interface Viewer {
  id: number;
  name: string;
  can: (key: ActionKey) => boolean;
}

export const viewerFrom = (user: { id: number; name: string }, ability: Ability): Viewer => ({
  id: user.id,
  name: user.name,
  can: (key) => ability.can(actionId(key)),
});
