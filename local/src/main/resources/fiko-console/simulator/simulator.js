// The customer simulator: customers write through the connectors' real webhooks (the local mode's platform stand-ins
// sign them as Telegram and Instagram do) and see the agents' replies as the platform received them. Every text is
// set as text, never parsed as HTML.
const byId = (id) => document.getElementById(id);

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function showError(text) {
  const bar = byId('error-bar');
  bar.textContent = text;
  bar.hidden = !text;
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = response.status === 204 ? {} : await response.json();
  if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
  return answer;
}

function render(state) {
  const platforms = [state.telegram && 'Telegram', state.instagram && 'Instagram'].filter(Boolean);
  byId('platforms').textContent = platforms.length
    ? `Simulated here: ${platforms.join(' and ')}.`
    : 'Both connectors talk to the real platforms: nothing to simulate.';
  const container = byId('chats');
  container.innerHTML = '';
  for (const chat of state.chats) {
    const box = element('article', 'customer-chat');
    box.dataset.testid = 'customer-chat';
    box.dataset.platform = chat.platform;
    box.dataset.customer = chat.name;
    const head = element('div', 'row');
    head.append(element('strong', 'title', `${chat.name} (${chat.platform})`));
    const block = element('button', null, chat.blocked ? 'Unblock the business' : 'Block the business');
    block.type = 'button';
    block.addEventListener('click', () =>
      call('PUT', `api/${chat.platform}/customers/${chat.customer_id}/blocked`, { blocked: !chat.blocked })
        .then(refresh)
        .catch((e) => showError(e.message)));
    head.append(block);
    box.append(head);
    const lines = element('ol');
    for (const line of chat.lines) {
      const item = element('li', 'line ' + line.from, line.text);
      item.dataset.testid = line.from === 'agent' ? 'reply' : 'customer-line';
      lines.append(item);
    }
    box.append(lines);
    if (chat.agent_typing) {
      const typing = element('div', 'typing', 'typing…');
      typing.dataset.testid = 'agent-typing';
      box.append(typing);
    }
    container.append(box);
  }
}

async function refresh() {
  try {
    render(await call('GET', 'api/chats'));
  } catch (e) {
    showError(e.message);
  }
}

byId('write').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = byId('text').value.trim();
  if (!text) return;
  try {
    await call('POST', `api/${byId('platform').value}/messages`, { name: byId('name').value, text });
    byId('text').value = '';
    showError('');
    await refresh();
  } catch (e) {
    showError(e.message);
  }
});

refresh();
setInterval(refresh, 700);
