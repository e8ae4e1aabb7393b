import { useAuth } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import { actionId, type ActionKey } from '../../plugin/permissions';

export type Abilities = Record<ActionKey, boolean>;

const KEYS: ActionKey[] = ['read', 'readAll', 'reply', 'assign', 'export', 'manageSettings', 'manageKnowledge'];

/** What the signed-in admin may do in the live chat, from the permissions Strapi loaded for them. */
export function useAbilities(): Abilities {
  const permissions = useAuth('livechat', (state) => state.permissions);
  return useMemo(() => {
    const held = new Set(permissions.map((permission) => permission.action));
    return Object.fromEntries(KEYS.map((key) => [key, held.has(actionId(key))])) as Abilities;
  }, [permissions]);
}

/** The signed-in admin user: id and display name. */
export function useMe(): { id: number; name: string } {
  const user = useAuth('livechat', (state) => state.user);
  return useMemo(
    () => ({
      id: Number(user?.id ?? 0),
      name: [user?.firstname, user?.lastname].filter(Boolean).join(' ') || user?.username || user?.email || '',
    }),
    [user],
  );
}
