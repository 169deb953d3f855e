// "Ask a model": shows the answer as the model generates it. Reads POST /ask/stream, one JSON
// object a line ({"text"}, then {"done"} or {"problem"}), with fetch and a ReadableStream.
// Without JavaScript the form posts to /ask and the page shows the whole answer at once.
(() => {
	const form = document.querySelector('form.ask[data-stream]');
	if (!form || !window.fetch || !window.ReadableStream || !window.TextDecoder) {
		return;
	}
	const answer = document.querySelector('.live-answer');
	const text = answer.querySelector('.live-text');
	const timing = answer.querySelector('.answer-timing');
	const problem = document.querySelector('.live-problem');
	const button = form.querySelector('button[type=submit]');

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		document.querySelectorAll('.answer, .problem').forEach((old) => old.remove());
		problem.hidden = true;
		answer.hidden = true;
		text.textContent = '';
		timing.textContent = '';
		delete answer.dataset.state;
		button.disabled = true;
		const started = performance.now();
		let first = null;
		const show = (line) => {
			if (line.text !== undefined) {
				if (first === null) {
					first = performance.now() - started;
					answer.dataset.firstChunkMs = Math.round(first);
				}
				answer.hidden = false;
				text.textContent += line.text;
			}
			else if (line.done) {
				const total = performance.now() - started;
				answer.dataset.totalMs = Math.round(total);
				answer.querySelector('.answer-model').textContent = line.model;
				timing.textContent = `First words after ${Math.round(first ?? total)} ms, complete after ${Math.round(total)} ms.`;
				answer.dataset.state = 'complete';
			}
			else if (line.problem) {
				problem.querySelector('.problem-text').textContent = line.problem;
				problem.querySelector('.sign-in-again').hidden = !line.signInAgain;
				problem.hidden = false;
				answer.dataset.state = 'failed';
			}
		};
		try {
			const csrf = form.querySelector('input[name=_csrf]');
			const response = await fetch(form.dataset.stream, {
				method: 'POST',
				credentials: 'same-origin',
				headers: { 'Accept': 'application/x-ndjson', 'X-CSRF-TOKEN': csrf ? csrf.value : '' },
				body: new URLSearchParams(new FormData(form)),
				// An ended session answers with a redirect to Hugging Face, which fetch cannot
				// follow across origins: stop at it, and say so rather than "no connection".
				redirect: 'manual',
			});
			if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
				show({ problem: 'Your session ended: sign in again.', signInAgain: true });
				return;
			}
			if (!response.ok || !response.body) {
				show({ problem: `The app answered with an error (HTTP ${response.status}). Ask again.` });
				return;
			}
			const reader = response.body.getReader();
			const decoder = new TextDecoder();
			let pending = '';
			for (;;) {
				const { value, done } = await reader.read();
				if (done) {
					break;
				}
				pending += decoder.decode(value, { stream: true });
				let end;
				while ((end = pending.indexOf('\n')) >= 0) {
					const line = pending.slice(0, end).trim();
					pending = pending.slice(end + 1);
					if (line) {
						show(JSON.parse(line));
					}
				}
			}
			if (!answer.dataset.state) {
				show({ problem: 'The answer broke off. Ask again.' });
			}
		}
		catch (failure) {
			show({ problem: 'The app could not be reached. Check your connection and ask again.' });
		}
		finally {
			button.disabled = false;
		}
	});
})();
