/* participa.js: optional improvements to the fragments; everything works without it.
 * No build step, no dependency; load it with <script src=".../participa.js" defer>.
 *
 * 1. "Ver más" in place. A link <a href="URL" data-participa-more="LIST-ID"> (LIST-ID: the id
 *    of the <ol>/<ul> it continues; or a.participa-mas / a.participa-mas-respuestas, see
 *    place()) is followed without leaving the page: the script fetches URL, takes the <li>
 *    children of the same list in the answer, appends those not already here, and puts the
 *    answer's own link for that list in place of this one (or removes it: nothing more).
 *    Focus moves to the first new item. Without the script the link is a plain link. (A thread's
 *    list sits inside its votes' form: the new items' buttons post that form.)
 * 2. The running total of a participatory-budget ballot. Inside an element with
 *    data-participa-limit="500000" (the budget), every checkbox with data-participa-cost="N"
 *    counts when checked; the script writes the sum into each [data-participa-total] (an
 *    <output>: announced politely), what is left into each [data-participa-left], shows
 *    [data-participa-over] (hidden until then) and sets class participa-excedido on the element
 *    when the sum passes the limit. Money as es-MX pesos ("$1,250,000"). Without the script
 *    the server's text stays and the server checks the ballot.
 */
(function () {
	'use strict';
	if (!window.fetch || !window.DOMParser || !document.querySelector) {
		return;
	}

	function pesos(n) {
		var whole = Math.round(n * 100) % 100 === 0;
		return '$' + n.toLocaleString('en-US', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
	}

	/* The list a "ver más" link continues, and how to find the same list (and its next link)
	 * in the next page: by data-participa-more's id, or else by the convention of the thread
	 * fragment: the link of class participa-mas / participa-mas-respuestas sits after the list,
	 * both children of the nearest element with an id (the thread's section, a comment's li); a
	 * thread's list may be inside the section's votes form. */
	var MORE = 'a[data-participa-more], a.participa-mas, a.participa-mas-respuestas';

	function place(link, doc) {
		var id = link.getAttribute('data-participa-more');
		if (id) {
			return { list: doc.getElementById(id), next: doc.querySelector('a[data-participa-more="' + id + '"]') };
		}
		var owner = link.parentNode.closest('[id]');
		var there = owner && doc.getElementById(owner.id);
		var kind = link.classList.contains('participa-mas') ? 'participa-mas' : 'participa-mas-respuestas';
		return there ? { list: there.querySelector(':scope > ol, :scope > ul, :scope > form > ol'),
			next: there.querySelector(':scope > p > a.' + kind) } : {};
	}

	function more(link) {
		var here = place(link, document);
		if (!here.list || link.getAttribute('aria-busy') === 'true') {
			return false;
		}
		link.setAttribute('aria-busy', 'true');
		fetch(link.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
			.then(function (r) {
				if (!r.ok) {
					throw new Error('HTTP ' + r.status);
				}
				return r.text();
			})
			.then(function (html) {
				var there = place(link, new DOMParser().parseFromString(html, 'text/html'));
				if (!there.list) {
					throw new Error('no list in the answer');
				}
				var first = null;
				Array.prototype.slice.call(there.list.children).forEach(function (li) {
					if (li.tagName === 'LI' && !(li.id && document.getElementById(li.id))) {
						var node = document.importNode(li, true);
						here.list.appendChild(node);
						first = first || node;
					}
				});
				if (there.next && there.next.href !== link.href) {
					link.href = there.next.href;
					link.removeAttribute('aria-busy');
				} else {
					(link.closest('p') || link).remove();
				}
				if (first) {
					first.setAttribute('tabindex', '-1');
					first.focus();
				}
			})
			.catch(function () {
				window.location.href = link.href;   /* the plain link still works */
			});
		return true;
	}

	document.addEventListener('click', function (e) {
		var link = e.target.closest && e.target.closest(MORE);
		if (link && !e.defaultPrevented && e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey) {
			if (more(link)) {
				e.preventDefault();
			}
		}
	});

	function total(scope) {
		var limit = Number(scope.getAttribute('data-participa-limit'));
		var sum = 0;
		Array.prototype.forEach.call(scope.querySelectorAll('input[data-participa-cost]'), function (box) {
			if (box.checked) {
				sum += Number(box.getAttribute('data-participa-cost')) || 0;
			}
		});
		Array.prototype.forEach.call(scope.querySelectorAll('[data-participa-total]'), function (o) {
			o.textContent = pesos(sum);
		});
		Array.prototype.forEach.call(scope.querySelectorAll('[data-participa-left]'), function (o) {
			o.textContent = pesos(Math.max(0, limit - sum));
		});
		var over = limit > 0 && sum > limit;
		scope.classList.toggle('participa-excedido', over);
		Array.prototype.forEach.call(scope.querySelectorAll('[data-participa-over]'), function (o) {
			o.hidden = !over;
		});
	}

	document.addEventListener('change', function (e) {
		var scope = e.target.closest && e.target.matches('input[data-participa-cost]') &&
			e.target.closest('[data-participa-limit]');
		if (scope) {
			total(scope);
		}
	});

	function start() {
		Array.prototype.forEach.call(document.querySelectorAll('[data-participa-limit]'), total);
	}
	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', start);
	} else {
		start();
	}
}());
