import type { Availability } from '../../plugin';
import { closedUntilTomorrow, middayZone, openEveryDay, setBusinessHours } from '../helpers/business-hours';
import { as, eventually, queuedConversation, startConversation, startVisitor, visitorSays } from '../helpers/chat';
import { routingDesk, setRouting } from '../helpers/routing';

// Routing sweeps every second here, so a queue that waited for opening time is served within the test.
const desk = routingDesk({ routingSweepSeconds: 1 });
const zone = middayZone();

const availability = async (): Promise<Availability.Response> =>
  (await desk.app().request.get('/api/livechat/availability').expect(200)).body.data;

describe('business hours', () => {
  it('within hours an online agent makes the desk available, and no opening is announced', async () => {
    await setBusinessHours(desk.app(), desk.manager(), openEveryDay(zone));
    await desk.online(await desk.replier());
    expect(await availability()).toEqual({ online: true, agentsOnline: 1, withinBusinessHours: true, opensAt: null });
    const widget = (await desk.app().request.get('/api/livechat/widget-config').expect(200)).body.data;
    expect(widget).toMatchObject({ online: true, withinBusinessHours: true, opensAt: null });
  });

  it('outside hours the desk is away although an agent is online, and says when it opens again', async () => {
    await setBusinessHours(desk.app(), desk.manager(), closedUntilTomorrow(zone));
    await desk.online(await desk.replier());
    const expected = { online: false, agentsOnline: 1, withinBusinessHours: false, opensAt: zone.tomorrowAt('09:00') };
    expect(await availability()).toEqual(expected);
    const widget = (await desk.app().request.get('/api/livechat/widget-config').expect(200)).body.data;
    expect(widget).toMatchObject({ online: false, withinBusinessHours: false, opensAt: expected.opensAt });
  });

  it('on a holiday an every-day schedule is closed until the next day starts', async () => {
    await setBusinessHours(desk.app(), desk.manager(), openEveryDay(zone, [zone.today]));
    expect(await availability()).toMatchObject({ withinBusinessHours: false, opensAt: zone.tomorrowAt('00:00') });
    await setBusinessHours(desk.app(), desk.manager(), openEveryDay(zone, [zone.tomorrow]));
    expect(await availability()).toMatchObject({ withinBusinessHours: true, opensAt: null });
  });

  it('auto-assign waits outside hours, and hands the queue out once the desk opens', async () => {
    await setRouting(desk.app(), desk.manager(), { mode: 'auto' });
    await setBusinessHours(desk.app(), desk.manager(), closedUntilTomorrow(zone));
    const agent = await desk.replier();
    await desk.online(agent);
    const { conversation } = await queuedConversation(desk.app(), 'After-hours visitor');
    // The auto-assign round the queueing asked for has run, and left it waiting.
    await desk.app().strapi.plugin('livechat').service('routing').settled();
    expect(await desk.conversation(conversation.id)).toMatchObject({ status: 'queued', assignee: null });

    await setBusinessHours(desk.app(), desk.manager(), openEveryDay(zone));
    await desk.assignedTo(conversation.id, agent);
  });

  it('the bot still answers outside hours', async () => {
    await setBusinessHours(desk.app(), desk.manager(), closedUntilTomorrow(zone));
    const visitor = await startVisitor(desk.app());
    const conversation = await startConversation(desk.app(), visitor);
    await visitorSays(desk.app(), visitor, conversation.id, 'Are you open on Sundays?');
    await eventually(async () => {
      const { results } = (
        await desk
          .app()
          .request.get(`/api/livechat/conversations/${conversation.id}/messages`)
          .set(visitor.auth)
          .expect(200)
      ).body.data as { results: Array<{ authorKind: string }> };
      expect(results.map((message) => message.authorKind)).toEqual(['visitor', 'bot']);
    });
  });

  it('a bad schedule is a 400 naming the field, and the stored one stays', async () => {
    await setBusinessHours(desk.app(), desk.manager(), openEveryDay(zone));
    const cases: Array<[object, string]> = [
      [{ timeZone: 'Mars/Olympus' }, 'businessHours.timeZone'],
      [{ week: { mon: [{ from: '18:00', to: '09:00' }] } }, 'businessHours.week.mon.0.to'],
      [{ week: { someday: [] } }, 'businessHours.week.someday'],
      [{ holidays: ['25/12/2026'] }, 'businessHours.holidays.0'],
    ];
    for (const [businessHours, field] of cases) {
      const response = await as(desk.app(), desk.manager()).put('/settings', { businessHours }).expect(400);
      expect(response.body.error.details.field).toBe(field);
    }
    const settings = (await as(desk.app(), desk.manager()).get('/settings').expect(200)).body.data;
    expect(settings.businessHours).toMatchObject(openEveryDay(zone));
  });
});
