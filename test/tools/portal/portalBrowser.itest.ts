import { ServiceBusClient } from '@azure/service-bus';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { ARTIFACTS, describeWithBrowser, launchBrowser, type TestBrowser } from '../../support/browser';
import { startPortalFixture, type PortalFixture } from './portalFixture';

// The portal as a person uses it: each action clicked, confirmed in the dialog, and checked against the broker.
let f: PortalFixture;
let browser: TestBrowser | undefined;
let bus: ServiceBusClient;

const counts = async (path: string) => {
  const res = await fetch(new URL('/api/servicebus/entities', f.portal.url));
  const { entities } = (await res.json()) as {
    entities: Array<{
      path: string;
      activeMessageCount: number;
      scheduledMessageCount: number;
      deadLetterMessageCount: number;
    }>;
  };
  return entities.find((e) => e.path === path)!;
};

async function confirmAndWait(page: Page, click: () => Promise<void>, report: RegExp) {
  await click();
  await page.click('#confirm-ok');
  await page.waitForFunction(
    (re) => new RegExp(re).test(document.querySelector('#status')?.textContent ?? ''),
    report.source,
    {
      timeout: 20_000,
    },
  );
}

describeWithBrowser('local portal in a browser', () => {
  beforeAll(async () => {
    f = await startPortalFixture();
    bus = new ServiceBusClient(f.serviceBusConnectionString);
    // 3 dead letters with reasons, 2 active messages and 1 scheduled on `emails`.
    const sender = bus.createSender('emails');
    await sender.sendMessages(
      [1, 2, 3].map((i) => ({ body: { poison: i }, messageId: `dl-${i}`, subject: 'Poison' })),
    );
    const receiver = bus.createReceiver('emails');
    let dead = 0;
    while (dead < 3) {
      for (const m of await receiver.receiveMessages(3, { maxWaitTimeInMs: 2000 })) {
        await receiver.deadLetterMessage(m, {
          deadLetterReason: 'BadShape',
          deadLetterErrorDescription: `poison ${dead}`,
        });
        dead += 1;
      }
    }
    await receiver.close();
    await sender.sendMessages([{ body: { ok: 1 } }, { body: { ok: 2 } }]);
    await sender.scheduleMessages(
      { body: { later: true }, messageId: 'later' },
      new Date(Date.now() + 3_600_000),
    );
    await sender.close();
    await nodemailer
      .createTransport(`smtp://127.0.0.1:${f.mail.smtpPort}`)
      .sendMail({ from: 'a@x.test', to: 'b@x.test', subject: 'portal mail', text: 'hello portal' });
    browser = await launchBrowser({ viewport: { width: 1360, height: 1000 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await bus?.close();
    await f?.close();
  });

  it('peeks, resends, deletes, cancels and purges on Service Bus, queries Cosmos DB and shows mail', async () => {
    const page = await browser!.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(f.portal.url);
    await page.waitForSelector('body[data-state=ready]');
    const row = page.locator('tr[data-entity="emails"]');
    await row.waitFor();
    expect(await row.locator('td').nth(6).innerText()).toBe('3');

    await row.locator('button.peek[data-sub=deadletter]').click();
    await page.waitForSelector('.msg .reason');
    expect(await page.locator('.msg').count()).toBe(3);
    expect(await page.locator('.msg .reason').first().innerText()).toBe('BadShape');
    expect(await page.locator('.msg pre.body').first().innerText()).toContain('"poison"');
    await page.screenshot({ path: join(ARTIFACTS, 'portal-deadletters.png'), fullPage: true });

    await confirmAndWait(
      page,
      () => page.locator('.msg button.resend').first().click(),
      /resent as dl-\d:resend-\d+/,
    );
    expect((await counts('emails')).deadLetterMessageCount).toBe(2);
    await confirmAndWait(page, () => page.locator('.msg button.delete').first().click(), /deleted 1/);
    expect((await counts('emails')).deadLetterMessageCount).toBe(1);
    await page.waitForSelector('#resend-all');
    await confirmAndWait(page, () => page.click('#resend-all'), /resent 1 dead letters/);
    expect((await counts('emails')).deadLetterMessageCount).toBe(0);

    await row.locator('button.peek[data-sub=active]').click();
    await page.waitForSelector('.msg button.cancel');
    await confirmAndWait(page, () => page.locator('.msg button.cancel').first().click(), /cancelled 1/);
    expect((await counts('emails')).scheduledMessageCount).toBe(0);
    // 2 active + 2 resent.
    expect((await counts('emails')).activeMessageCount).toBe(4);
    await confirmAndWait(page, () => row.locator('button.purge').click(), /purged 4 from emails/);
    expect((await counts('emails')).activeMessageCount).toBe(0);

    await page.click('nav button[data-tab=cosmos]');
    await page.waitForSelector('#cosmos-containers tbody tr');
    await page.fill('#q-text', 'SELECT * FROM c WHERE c.id != @x');
    await page.fill('#q-params', '[{"name":"@x","value":"none"}]');
    await page.click('#cosmos-query button[type=submit]');
    await page.waitForSelector('#q-count');
    expect(await page.locator('#q-count').innerText()).toMatch(/^\d+ items/);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-cosmos.png'), fullPage: true });

    await page.click('nav button[data-tab=mail]');
    await page.waitForSelector('.mail');
    await page.locator('.mail').first().click();
    expect(await page.locator('#mail-view').innerText()).toContain('hello portal');
    expect(problems).toEqual([]);
  }, 120_000);
});
