/**
 * Conversations, owned by the engine and kept in the index database: the app's chat, `trove ask
 * --conversation` and `trove chat` all go through here. A question is saved, made into a standalone search
 * query from the questions before it (standalone-query.ts), answered by `Engine.ask`, and the answer is saved
 * with its sources and what it searched for.
 */
import type { AskOptions, AskResult, AskStream } from '../answer/types.ts';
import { ConversationNotFoundError, TroveError } from '../errors.ts';
import type { ConversationRepository, ConversationRow, MessageRow } from '../store/sqlite/conversation-repository.ts';
import { sourceRows } from './sources.ts';
import type { Exchange, StandaloneQuery } from './standalone-query.ts';

export interface ConversationWithMessages extends ConversationRow {
  /** In the order they were written; assistant messages carry their sources and search query. */
  readonly messages: readonly MessageRow[];
}

/** What `converse` takes: ask's options (it decides the search query itself), and whether to redo the last answer. */
export type ConverseOptions = Omit<AskOptions, 'query' | 'carried'> & {
  /** Drops the conversation's last question and answer first, so the question is answered afresh. */
  readonly regenerate?: boolean;
};

export interface ConverseStream extends AskStream {
  /** Once the question is saved and its search query decided, before the documents are searched. */
  readonly onQuery?: (query: StandaloneQuery, conversationId: number) => void;
}

export interface Conversed {
  readonly conversationId: number;
  /** What was searched for, as shown to people ("Searched for: …"). */
  readonly query: string;
  readonly result: AskResult;
  readonly question: MessageRow;
  readonly answer: MessageRow;
}

export interface ConversationPorts {
  readonly repository: ConversationRepository;
  readonly now: () => number;
  readonly ask: (question: string, options: AskOptions, stream: AskStream) => Promise<AskResult>;
  readonly standaloneQuery: (previous: readonly Exchange[], question: string, signal?: AbortSignal) => Promise<StandaloneQuery>;
}

const TITLE_CHARS = 60;

export class ConversationService {
  constructor(private readonly ports: ConversationPorts) {}

  /** Most recently active first. */
  list(): ConversationRow[] {
    return this.ports.repository.list();
  }

  get(id: number): ConversationWithMessages {
    return { ...this.existing(id), messages: this.ports.repository.messages(id) };
  }

  create(title: string): ConversationRow {
    return this.ports.repository.create(title, this.ports.now());
  }

  /** Deletes a conversation with its messages; false when there was none with this id. */
  remove(id: number): boolean {
    if (!this.ports.repository.byId(id)) return false;
    this.ports.repository.remove(id);
    return true;
  }

  /**
   * Answers `question` in conversation `conversationId` (null: a new one, titled by the question). Unknown ids
   * are NOT_FOUND, empty questions INVALID_ARGUMENT, both before anything is written. If answering fails, the
   * saved question (and a conversation made for it) is removed again, so history stays question–answer pairs.
   */
  async converse(conversationId: number | null, question: string, options: ConverseOptions = {}, stream: ConverseStream = {}): Promise<Conversed> {
    if (question.trim() === '') throw new TroveError('INVALID_ARGUMENT', 'The question is empty.');
    const { repository, now } = this.ports;
    const existing = conversationId === null ? undefined : this.existing(conversationId);
    const { regenerate, ...askOptions } = options;
    if (existing && regenerate) repository.dropLastExchange(existing.id);
    const previous = existing ? exchangesOf(repository.messages(existing.id)) : [];
    const conversation = existing ?? repository.create(title(question), now());
    const asked = repository.append(conversation.id, { role: 'user', text: question }, now());
    let query: StandaloneQuery;
    let result: AskResult;
    try {
      query = await this.ports.standaloneQuery(previous, question, stream.signal);
      stream.onQuery?.(query, conversation.id);
      result = await this.ports.ask(question, { ...askOptions, query: query.query, ...(query.carried ? { carried: query.carried } : {}) }, stream);
    } catch (error) {
      if (existing) repository.removeMessage(asked.id);
      else repository.remove(conversation.id);
      throw error;
    }
    const answer = repository.append(
      conversation.id,
      { role: 'assistant', text: result.answer, kind: result.kind, model: result.model, aborted: result.aborted, query: query.text, answerId: result.answerId ?? null, sources: sourceRows(result) },
      now(),
    );
    return { conversationId: conversation.id, query: query.text, result, question: asked, answer };
  }

  private existing(id: number): ConversationRow {
    const conversation = this.ports.repository.byId(id);
    if (!conversation) throw new ConversationNotFoundError(id);
    return conversation;
  }
}

/** Each question with the answer that followed it (none when it was never answered). */
export function exchangesOf(messages: readonly MessageRow[]): Exchange[] {
  const exchanges: Exchange[] = [];
  messages.forEach((message, index) => {
    if (message.role !== 'user') return;
    const next = messages[index + 1];
    exchanges.push(next?.role === 'assistant' ? { question: message.text, answer: next.text } : { question: message.text });
  });
  return exchanges;
}

function title(question: string): string {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  return oneLine.length <= TITLE_CHARS ? oneLine : `${oneLine.slice(0, TITLE_CHARS - 1)}…`;
}
