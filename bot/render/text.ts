import type { Block, FormInput, Reply } from '../core/types';

export interface NumberedAction {
  n: number;
  actionId: string;
  value: string;
  label: string;
}

export interface TextRendering {
  text: string;
  actions: NumberedAction[];
  form?: Extract<Block, { type: 'form' }>;
}

/** Markdown as a terminal shows it: bold and code marks dropped, links kept readable. */
function plain(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|[\s(])\*(\S[^*\n]*?)\*(?=[\s).,:;!?]|$)/g, '$1$2')
    .replace(/(^|[\s(])_(\S[^_\n]*?)_(?=[\s).,:;!?]|$)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)');
}

/** Renders a reply for the console: buttons and choices numbered so that typing the number presses them. */
export function renderText(reply: Reply, firstNumber = 1): TextRendering {
  const lines: string[] = [];
  const actions: NumberedAction[] = [];
  let form: TextRendering['form'];
  let n = firstNumber;
  for (const block of reply.blocks) {
    switch (block.type) {
      case 'heading':
        lines.push(`== ${plain(block.text)} ==`);
        break;
      case 'text':
        lines.push(plain(block.markdown));
        break;
      case 'fields':
        for (const f of block.fields) lines.push(`  ${f.label}: ${plain(f.value)}`);
        break;
      case 'choices':
        if (block.prompt) lines.push(block.prompt);
        for (const item of block.items) {
          lines.push(`  [${n}] ${item.title}${item.detail ? ` (${item.detail})` : ''}`);
          actions.push({ n: n++, actionId: item.actionId, value: item.value, label: item.title });
        }
        break;
      case 'buttons':
        lines.push(
          block.buttons
            .map((b) => {
              actions.push({ n, actionId: b.actionId, value: b.value, label: b.label });
              return `[${n++}] ${b.label}`;
            })
            .join('   '),
        );
        break;
      case 'form':
        form = block;
        lines.push(`${block.title}:`);
        break;
      case 'source':
        lines.push(`— ${block.label}`);
        break;
      case 'image':
        lines.push(`[${block.title ?? block.alt}] ${block.path}`);
        break;
      case 'divider':
        lines.push('—'.repeat(20));
        break;
    }
  }
  return { text: lines.join('\n'), actions, form };
}

export function describeInput(input: FormInput): string {
  const options = input.options?.length ? ` [${input.options.map((o) => `${o.value}=${o.label}`).join(', ')}]` : '';
  const optional = input.required ? '' : ' (Enter — пропустить / skip)';
  const initial = input.initial ? ` {${input.initial}}` : '';
  return `${input.label}${options}${initial}${optional}: `;
}
