/*
 * Sign in with Hugging Face from the Space page's frame (hf-oauth-spring-boot serves this at
 * /hf-oauth/sign-in.js). A page opts in with <script src="/hf-oauth/sign-in.js" defer></script>
 * and data-hf-sign-in on its sign-in link. Outside a frame the link works as it is.
 *
 * Hugging Face's pages never run inside the frame: they may refuse to be framed, and its
 * cookies are not sent there. In a frame the link opens the sign-in in a pop-up, a top-level
 * window. The frame gives the pop-up the SHA-256 of a secret it keeps (by postMessage, never
 * in a URL); the pop-up's page posts it to its session and signs in. The pop-up ends on the
 * starter's hand-over page, which posts a single-use ticket to the frame (exact origin; both
 * ends check the sender). The frame redeems it with a POST that passes its session's CSRF
 * check and shows the secret: a ticket meant for another frame, or an attacker's own, signs
 * nobody in here.
 */
(function () {
	'use strict';

	var READY = 'hf-oauth-pop-up-ready';
	var COMMITMENT = 'hf-oauth-commitment';
	var PLAIN = 'hf-oauth-plain-sign-in';
	var TICKET = 'hf-oauth-ticket';
	var REDEEMED = 'hf-oauth-redeemed';
	var REFUSED = 'hf-oauth-refused';
	// The starter's endpoints sit beside this script, under the app's context path.
	var base = new URL('.', document.currentScript.src).href;
	var origin = window.location.origin;

	function meta(name) {
		var element = document.querySelector('meta[name="' + name + '"]');
		return element ? element.getAttribute('content') : null;
	}

	function base64Url(bytes) {
		return btoa(String.fromCharCode.apply(null, new Uint8Array(bytes)))
			.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	}

	function randomSecret() {
		return base64Url(crypto.getRandomValues(new Uint8Array(32)));
	}

	function commitmentTo(secret) {
		return crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret)).then(base64Url);
	}

	function answerOf(response) {
		if (!response.ok) {
			throw new Error('HTTP ' + response.status);
		}
		return response.json();
	}

	// The pop-up, signed in: give the sign-in to the frame that opened it, then close. The
	// server moved this window's tokens into the ticket: once the frame redeems it, this
	// window's session is signed out by the server, script or no script. If no frame of this
	// app takes the ticket, this window stays the app's own tab, signed in.
	function handOver(ticket) {
		var home = meta('hf-oauth-home') || '/';
		var opener = window.opener;
		var settled = false;
		if (!opener) {
			// Hugging Face's pages severed the opener (Cross-Origin-Opener-Policy): the frame asks
			// the server for the ticket by its secret. Stay, and offer to continue here instead.
			var note = document.querySelector('[data-hf-no-opener]');
			if (note) {
				note.hidden = false;
			}
			return;
		}
		window.addEventListener('message', function (event) {
			if (settled || event.source !== opener || event.origin !== origin || !event.data) {
				return;
			}
			if (event.data.type === REDEEMED) {
				settled = true;
				// Any request of this window's session now signs it out on the server (its
				// ticket was redeemed): one now, so that nothing counts it as signed in, then close.
				fetch(home, { credentials: 'same-origin', redirect: 'manual' }).then(closeHere, closeHere);
			}
			else if (event.data.type === REFUSED) {
				settled = true;
				window.location.replace(home);
			}
		});
		opener.postMessage({ type: TICKET, ticket: ticket }, origin);
		setTimeout(function () {
			if (!settled) {
				settled = true;
				window.location.replace(home);
			}
		}, 15000);
	}

	// The pop-up, before the sign-in: ask the frame that opened it for its commitment, post it
	// to this window's session with the session's CSRF token, then go to the sign-in the answer
	// names, which alone takes it. Only the opener, from this app's own origin, is heard.
	// Without an opener (opened by hand), without an answer within ten seconds (an opener of
	// another site, or the frame went away), or when the post fails (the frame is told), a plain
	// sign-in: this window then ends as the app's own tab, signed in.
	function startInPopUp(login) {
		var opener = window.opener;
		var heard = false;
		var started = false;
		function start(location) {
			if (!started) {
				started = true;
				window.location.replace(location || login);
			}
		}
		function startPlain() {
			if (!started) {
				opener.postMessage({ type: PLAIN }, origin);
				start(null);
			}
		}
		if (!opener) {
			start(null);
			return;
		}
		window.addEventListener('message', function (event) {
			if (heard || started || event.source !== opener || event.origin !== origin || !event.data
					|| event.data.type !== COMMITMENT || typeof event.data.commitment !== 'string') {
				return;
			}
			heard = true;
			// A post that hangs must not hold the visitor here.
			setTimeout(startPlain, 10000);
			var commitment = event.data.commitment;
			fetch(base + 'frame-sign-in', { credentials: 'same-origin' }).then(answerOf).then(function (csrf) {
				var headers = {};
				if (csrf.token) {
					headers[csrf.header] = csrf.token;
				}
				return fetch(base + 'frame-sign-in/pop-up', { method: 'POST', headers: headers,
					credentials: 'same-origin', body: new URLSearchParams({ commitment: commitment }) });
			}).then(answerOf).then(function (answer) {
				if (answer.location) {
					start(answer.location);
				}
				else {
					startPlain();
				}
			}, startPlain);
		});
		opener.postMessage({ type: READY }, origin);
		setTimeout(function () {
			if (!heard) {
				start(null);
			}
		}, 10000);
	}

	function closeHere() {
		window.close();
	}

	// One sign-in at a time per page. Every attempt uses the one named pop-up, so a second
	// attempt would steer the first one's window, and the first one's listener would spend the
	// second one's ticket with the wrong secret.
	var pending = null;

	// The frame: the sign-in runs in a pop-up; the ticket it sends back signs this frame in.
	function signInWithPopup(link) {
		if (pending && !pending.popup.closed) {
			// A second click while the pop-up is open: show it again, keep its sign-in going.
			pending.popup.focus();
			return true;
		}
		if (pending) {
			// The visitor closed the pop-up: its attempt ends, a new one starts.
			pending.stop();
		}
		// Opened now, inside the click: browsers block pop-ups opened later. The starter's pop-up
		// page asks this frame for the commitment, then starts the sign-in.
		var popup = window.open(base + 'frame-sign-in/pop-up', 'hf-oauth-sign-in', 'popup,width=520,height=720');
		if (!popup) {
			return false;
		}
		var secret = randomSecret();
		var commitment = commitmentTo(secret);
		// The frame's session and its CSRF token, fetched while the visitor is on Hugging Face.
		var csrf = fetch(base + 'frame-sign-in', { credentials: 'same-origin' }).then(answerOf);
		var attempt = { popup: popup, stop: stop };
		var ready = false;
		pending = attempt;
		window.addEventListener('message', onMessage);
		function onMessage(event) {
			if (pending !== attempt || event.source !== popup || event.origin !== origin || !event.data) {
				return;
			}
			if (event.data.type === READY) {
				ready = true;
				commitment.then(function (value) {
					popup.postMessage({ type: COMMITMENT, commitment: value }, origin);
				});
			}
			else if (event.data.type === PLAIN) {
				// The pop-up could not take the commitment: it signs in as the app's own tab instead.
				stop();
				offerRetry(link, 'The sign-in went on in its own window: use the app there, or try again here.');
			}
			else if (event.data.type === TICKET) {
				finish(redeemWith(event.data.ticket));
			}
		}

		// Hugging Face's pages may send Cross-Origin-Opener-Policy, which severs the pop-up from
		// this frame: the pop-up then reads as closed here and can post nothing. This frame holds
		// the secret, so it asks the server for the ticket bound to it, while the pop-up reads
		// as closed (closed by the visitor, or severed), every 1.5 s growing to 5 s, at once when
		// the visitor comes back, for three minutes at most. While the pop-up is reachable,
		// postMessage from it stays the only way in.
		var deadline = Date.now() + 180000;
		var delay = 1500;
		var asking = false;
		var timer = setTimeout(ask, delay);
		window.addEventListener('focus', ask);
		document.addEventListener('visibilitychange', ask);
		function ask() {
			if (pending !== attempt || asking) {
				return;
			}
			clearTimeout(timer);
			if (Date.now() > deadline) {
				stop();
				offerRetry(link);
				return;
			}
			if (!popup.closed) {
				timer = setTimeout(ask, delay);
				return;
			}
			if (!ready) {
				// Closed (or cut off from this frame) before it ever asked for the commitment: no
				// ticket can be bound to this secret, asking the server would only wait.
				stop();
				offerRetry(link, 'The sign-in window closed before it could sign this page in: if it signed you in '
						+ 'there, use the app there, or try again here.');
				return;
			}
			asking = true;
			redeemWith(null).then(function (answer) {
				asking = false;
				if (pending !== attempt) {
					return;
				}
				if (answer.pending) {
					delay = Math.min(delay * 1.5, 5000);
					timer = setTimeout(ask, delay);
				}
				else {
					finish(Promise.resolve(answer));
				}
			}, function () {
				asking = false;
				if (pending === attempt) {
					finish(Promise.reject(new Error('refused')));
				}
			});
		}

		function redeemWith(ticket) {
			return csrf.then(function (token) {
				return redeem(ticket, secret, token);
			});
		}

		function stop() {
			pending = null;
			clearTimeout(timer);
			window.removeEventListener('message', onMessage);
			window.removeEventListener('focus', ask);
			document.removeEventListener('visibilitychange', ask);
		}

		// One outcome per attempt, whichever way the ticket came.
		function finish(redeeming) {
			stop();
			redeeming.then(function (answer) {
				popup.postMessage({ type: REDEEMED }, origin);
				show(answer.location);
			}, function () {
				// The pop-up stays signed in as the app's own tab.
				popup.postMessage({ type: REFUSED }, origin);
				keepsCookies().then(function (kept) {
					if (kept) {
						offerRetry(link);
					}
					else {
						window.location.href = base + 'frame-sign-in/blocked';
					}
				});
			});
		}
		return true;
	}

	// Whether this frame keeps its session cookie: the first request may start a session, the
	// second says whether that session's cookie came back. A redeem also fails for an expired
	// or used ticket, a lost session or the network, which another click mends; only a frame
	// that keeps no cookie needs the app's own tab. A probe that fails itself is no proof of
	// blocked cookies.
	function keepsCookies() {
		function probe() {
			return fetch(base + 'frame-sign-in', { credentials: 'same-origin' }).then(answerOf);
		}
		return probe().then(probe).then(function (answer) {
			return answer.session !== false;
		}, function () {
			return true;
		});
	}

	function offerRetry(link, text) {
		var note = document.querySelector('[data-hf-sign-in-problem]');
		if (!note) {
			note = document.createElement('p');
			note.setAttribute('data-hf-sign-in-problem', '');
			note.setAttribute('role', 'alert');
			link.parentNode.insertBefore(note, link);
		}
		note.textContent = text || 'The sign-in expired or was interrupted: try again.';
	}

	function redeem(ticket, secret, csrf) {
		var headers = {};
		if (csrf.token) {
			headers[csrf.header] = csrf.token;
		}
		var body = new URLSearchParams({ secret: secret });
		if (ticket !== null) {
			body.set('ticket', String(ticket));
		}
		return fetch(base + 'frame-sign-in', { method: 'POST', headers: headers, credentials: 'same-origin',
			body: body }).then(answerOf);
	}

	function show(location) {
		var home = meta('hf-oauth-home');
		if (location) {
			window.location.replace(location);
		}
		else if (home) {
			// This is the starter's own sign-in page: the app's home instead.
			window.location.replace(home);
		}
		else {
			window.location.reload();
		}
	}

	// The hf.space host hands a custom domain's sign-in back: post it there at once.
	var forward = document.querySelector('form[data-hf-forward]');
	if (forward) {
		forward.submit();
		return;
	}
	var ticket = meta(TICKET);
	if (ticket) {
		handOver(ticket);
		return;
	}
	var login = meta('hf-oauth-pop-up');
	if (login) {
		startInPopUp(login);
		return;
	}
	if (window.self === window.top) {
		return;
	}
	document.addEventListener('click', function (event) {
		var link = (event.target && event.target.closest) ? event.target.closest('[data-hf-sign-in]') : null;
		if (!link || event.defaultPrevented) {
			return;
		}
		if (signInWithPopup(link)) {
			event.preventDefault();
		}
	});
}());
