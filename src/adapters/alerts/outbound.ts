// Where updates go out: a Slack incoming webhook and Atlassian Statuspage (PagerDuty notes and
// status updates are in sources.ts). The webhook URL and keys are secrets: never in a message.

import { parseStatuspageComponents, StatuspageComponent } from '../../core/alerts/outbound';
import { HttpClient, HttpClientOptions } from '../http/client';

type ClientOptions = Omit<HttpClientOptions, 'service'>;

export interface SlackMessage {
  readonly text: string;
  readonly blocks?: readonly unknown[];
}

export class SlackWebhook {
  readonly client: HttpClient;
  constructor(
    private readonly webhookUrl: string,
    options: ClientOptions = {},
  ) {
    // Retrying a post could post twice: one attempt, the responder decides to send again.
    this.client = new HttpClient({ service: 'Slack', retries: 0, ...options });
  }

  async post(message: SlackMessage): Promise<void> {
    await this.client.request({ method: 'POST', url: this.webhookUrl, body: message, json: false });
  }
}

export const STATUSPAGE_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;

export class StatuspageApi {
  readonly client: HttpClient;
  constructor(
    private readonly pageId: string,
    private readonly key: string,
    private readonly baseUrl = 'https://api.statuspage.io',
    options: ClientOptions = {},
  ) {
    this.client = new HttpClient({ service: 'Statuspage', retries: 0, ...options });
  }

  private url(path: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}/v1/pages/${encodeURIComponent(this.pageId)}${path}`;
  }

  private headers(): Record<string, string> {
    return { Authorization: `OAuth ${this.key}` };
  }

  /** The page's components an incident can name (groups left out). */
  async components(signal?: AbortSignal): Promise<StatuspageComponent[]> {
    const { data } = await this.client.request<unknown>({ url: this.url('/components'), headers: this.headers(), signal });
    return parseStatuspageComponents(data);
  }

  /** Creates the incident on the first send; returns its id. */
  async create(input: { name: string; status: string; body: string; components: Readonly<Record<string, string>> }): Promise<string> {
    const { data } = await this.client.request<{ id?: unknown }>({
      method: 'POST',
      url: this.url('/incidents'),
      headers: this.headers(),
      body: {
        incident: {
          name: input.name,
          status: input.status,
          body: input.body,
          component_ids: Object.keys(input.components),
          components: input.components,
          deliver_notifications: true,
        },
      },
    });
    if (typeof data?.id !== 'string') throw new Error('Statuspage did not say which incident it created');
    return data.id;
  }

  /** Adds an update to the incident created before. */
  async update(id: string, input: { status: string; body: string; components: Readonly<Record<string, string>> }): Promise<void> {
    await this.client.request({
      method: 'PATCH',
      url: this.url(`/incidents/${encodeURIComponent(id)}`),
      headers: this.headers(),
      body: {
        incident: { status: input.status, body: input.body, component_ids: Object.keys(input.components), components: input.components },
      },
    });
  }
}
