import { Checkbox, Grid } from '@strapi/design-system';
import type { DeskSettings } from '../../../plugin/contracts/settings';
import { useTr } from '../i18n';

/** Which emails the notification address gets besides escalations (desk setting `notifications`). */
export function NotificationSettings({
  value,
  onChange,
}: {
  value: DeskSettings['notifications'];
  onChange: (next: DeskSettings['notifications']) => void;
}) {
  const tr = useTr();
  return (
    <Grid.Item col={12} direction="column" alignItems="stretch">
      <Checkbox
        name="notifications.visitorRequests"
        checked={value.visitorRequests}
        onCheckedChange={(checked) => onChange({ ...value, visitorRequests: checked === true })}
      >
        {tr(
          'settings.notifications.visitorRequests',
          'Email the notification address when a visitor asks for a human (with the transcript)',
        )}
      </Checkbox>
    </Grid.Item>
  );
}
