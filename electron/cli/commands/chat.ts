/**
 * `trove chat`: questions and answers in one conversation, each follow-up searched with its context. Answers
 * stream as they are generated; Ctrl-C stops an answer, and a second Ctrl-C at the prompt quits. Commands:
 * /new (a new conversation), /sources (the last answer's sources), /quit. With stdin not a terminal, questions
 * are read line by line and answered in order (scripts and tests).
 */
import { createInterface, type Interface } from 'node:readline';
import { formatSpan } from '../../core/answer/prompt.ts';
import type { Engine } from '../../core/engine.ts';
import type { SourceRow } from '../../core/store/sqlite/conversation-repository.ts';
import { conversationIdOf, converseOptions } from '../../api/requests.ts';
import { answerModelsOf, loadsEmbedder, printForPeople, printSearchedFor, type AskCommandOptions } from './ask.ts';
import { withEngine } from './open.ts';

const HELP = 'Commands: /new starts a new conversation, /sources lists the last answer’s sources, /quit leaves.';

export async function runChat(options: AskCommandOptions): Promise<void> {
  const resumed = conversationIdOf(options.conversation);
  await withEngine({ ...options, loadEmbedder: loadsEmbedder(options), answerModels: answerModelsOf(options) }, async (engine) => {
    const title = resumed === null ? undefined : engine.conversations.get(resumed).title;
    await new ChatSession(engine, options, resumed).run(title);
  });
}

class ChatSession {
  private readonly interactive = process.stdin.isTTY === true;
  private readonly lines: Interface;
  private answering: AbortController | undefined;
  private lastSources: readonly SourceRow[] = [];
  private interruptedAtPrompt = false;
  private readonly shownNotices = new Set<string>();

  constructor(
    private readonly engine: Engine,
    private readonly options: AskCommandOptions,
    private conversationId: number | null,
  ) {
    this.lines = createInterface({ input: process.stdin, output: process.stdout, terminal: this.interactive, prompt: '> ' });
  }

  async run(resumedTitle: string | undefined): Promise<void> {
    const interrupt = () => this.interrupt();
    // A terminal's Ctrl-C reaches readline as a key; a signal (piped input, kill -INT) reaches the process.
    this.lines.on('SIGINT', interrupt);
    process.on('SIGINT', interrupt);
    try {
      if (this.interactive) {
        const model = this.engine.generator ? `model ${this.engine.generator.modelId}` : 'no chat model: answers are the best passages';
        process.stdout.write(`${resumedTitle ? `Continuing “${resumedTitle}”. ` : ''}Ask about your documents (${model}). ${HELP}\n`);
        this.lines.prompt();
      }
      for await (const line of this.lines) {
        this.interruptedAtPrompt = false;
        const input = line.trim();
        if (input.startsWith('/')) {
          if (!this.command(input)) break;
        } else if (input !== '') {
          await this.answer(input);
        }
        if (this.interactive) this.lines.prompt();
      }
    } finally {
      process.off('SIGINT', interrupt);
      this.lines.close();
    }
  }

  /** Ctrl-C: stops the answer in progress; at the prompt, the first one warns and the second quits. */
  private interrupt(): void {
    if (this.answering) {
      this.answering.abort();
      return;
    }
    if (!this.interactive || this.interruptedAtPrompt) {
      this.lines.close();
      return;
    }
    this.interruptedAtPrompt = true;
    process.stdout.write('\n(Press Ctrl-C again or type /quit to leave.)\n');
    this.lines.prompt();
  }

  private async answer(question: string): Promise<void> {
    const controller = new AbortController();
    this.answering = controller;
    const streaming = this.engine.generator !== undefined;
    try {
      const outcome = await this.engine.converse(this.conversationId, question, converseOptions(this.engine, this.options), {
        signal: controller.signal,
        onToken: streaming ? (text) => process.stdout.write(text) : undefined,
        onQuery: (query) => printSearchedFor(question, query.text),
      });
      if (this.conversationId === null) process.stderr.write(`trove: conversation ${outcome.conversationId} (trove chat --conversation ${outcome.conversationId} continues it)\n`);
      this.conversationId = outcome.conversationId;
      this.lastSources = outcome.answer.sources;
      printForPeople(outcome.result, streaming, this.shownNotices);
    } catch (error) {
      // One failed question does not end the chat.
      process.stderr.write(`trove: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    } finally {
      this.answering = undefined;
    }
  }

  /** Runs a /command; false when the chat should end. */
  private command(input: string): boolean {
    const [name] = input.split(/\s+/);
    switch (name) {
      case '/quit':
      case '/exit':
        return false;
      case '/new':
        this.conversationId = null;
        this.lastSources = [];
        process.stdout.write('New conversation.\n');
        return true;
      case '/sources':
        process.stdout.write(sourcesText(this.lastSources));
        return true;
      default:
        process.stdout.write(`${name === '/help' ? '' : `Unknown command ${name}. `}${HELP}\n`);
        return true;
    }
  }
}

function sourcesText(sources: readonly SourceRow[]): string {
  if (sources.length === 0) return 'No sources yet: ask a question first.\n';
  return `${sources.map((s) => `[${s.n}] ${formatSpan(s)}${s.heading ? ` — ${s.heading}` : ''}${s.cited ? '  (cited)' : ''}`).join('\n')}\n`;
}
