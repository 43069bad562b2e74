// HTMLRewriter element handlers: the Element and EndTag APIs, content insertion with and without
// {html: true}, the selector forms lol-html supports and the errors for the ones it does not.

async function run(checks) {
  const out = {};
  for (const [name, fn] of Object.entries(checks)) {
    try {
      const v = await fn();
      out[name] = v === undefined ? "undefined" : v;
    } catch (e) {
      out[name] = { unexpectedError: `${e?.name}: ${e?.message}` };
    }
  }
  return Response.json(out);
}
const thrown = async (fn) => {
  try {
    await fn();
    return "no error";
  } catch (e) {
    return `${e?.name}: ${e?.message}`;
  }
};

// rewrite runs html through a rewriter with one element handler on selector.
const rewrite = (html, selector, element) =>
  new HTMLRewriter().on(selector, { element }).transform(new Response(html)).text();

const PAGE = '<!DOCTYPE html><html><head><title>T</title></head><body><div id="a" class="x y" data-k="v">one <b>two</b></div><p>three</p><br><img src="i.png"/><svg><circle r="1"/></svg><math><mi>x</mi></math></body></html>';

const SELECTOR_PAGE = '<ul id="l"><li class="a">1</li><li class="b c" lang="en-US">2</li><li data-x="Foo Bar">3</li><p>p</p><li title="hello world">4</li><li><span>5</span></li></ul><div><section><em>deep</em></section><em>shallow</em></div>';

function selectorChecks() {
  const out = {};
  const sels = ["*", "li", "li.a", "#l", "[lang]", '[lang="en-US"]', '[lang="en-us" i]', '[lang="en-us" s]', '[data-x~="Bar"]', '[title^="hel"]', '[title$="rld"]', '[title*="o w"]', '[lang|="en"]', "ul li", "ul > li", "div em", "div > em", "li:nth-child(2)", "li:nth-child(2n+1)", "li:nth-child(odd)", "li:nth-child(even)", "li:nth-child(-n+2)", "li:first-child", "li:nth-of-type(4)", "p:first-of-type", "li:first-of-type", "li:not(.a)", "li:not([data-x])", "li:not(:first-child)", "em, p", "LI", "ul>li.b.c", "span:nth-child(1)", "*:nth-of-type(2)"];
  for (const s of sels) {
    out[`select:${s}`] = async () => {
      const seen = [];
      await rewrite(SELECTOR_PAGE, s, (el) => { seen.push(el.tagName + (el.getAttribute("class") ? "." + el.getAttribute("class") : "")); });
      return seen.join(" ");
    };
  }
  const bad = ["", " ", "div >", "li + li", "li ~ li", "li:last-child", "li:nth-last-child(1)", "li:only-child", "p:hover", "p::before", "svg|circle", "[", "[=x]", "a[b=", "div)", "..x", ".1a", ":not()", ":not(:not(p))", "li:nth-child(x)", "p:first-line", ":root", "div:empty", "div:has(p)", "a || b", "p,", "#", "li:last-of-type", "li:nth-last-of-type(2)", "[x=y z]", "[*|x]", "p:not(div p)"];
  for (const s of bad) {
    out[`bad:${JSON.stringify(s)}`] = () => thrown(() => new HTMLRewriter().on(s, { element() {} }));
  }
  return out;
}

export default {
  async fetch(request) {
    return run({
      "element.props": async () => {
        const seen = [];
        await rewrite(PAGE, "*", (el) => {
          seen.push({ tag: el.tagName, ns: el.namespaceURI, selfClosing: el.selfClosing, canHaveContent: el.canHaveContent, removed: el.removed, attrs: [...el.attributes] });
        });
        return seen;
      },
      "element.attributes.iterator": async () => {
        let out;
        await rewrite(PAGE, "div", (el) => {
          const it = el.attributes;
          out = { tag: Object.prototype.toString.call(it), next: it.next(), type: typeof it[Symbol.iterator], rest: [...it] };
        });
        return out;
      },
      "element.attrs.edit": () => rewrite(PAGE, "div", (el) => {
        el.setAttribute("data-k", "w\"<&>");
        el.setAttribute("new", "n");
        el.removeAttribute("class");
        el.removeAttribute("missing");
        el.setAttribute("ID", "upper");
      }),
      "element.getAttribute": async () => {
        let out;
        await rewrite(PAGE, "div", (el) => {
          out = [el.getAttribute("id"), el.getAttribute("ID"), el.getAttribute("missing"), el.hasAttribute("class"), el.hasAttribute("CLASS"), el.hasAttribute("nope")];
        });
        return out;
      },
      "element.tagName.set": () => rewrite(PAGE, "div", (el) => { el.tagName = "section"; }),
      "element.tagName.set.upper": () => rewrite("<div>x</div>", "div", (el) => { el.tagName = "ARTICLE"; }),
      "element.before.after": () => rewrite(PAGE, "p", (el) => {
        el.before("<i>b1</i>");
        el.before("<i>b2</i>", { html: true });
        el.after("<i>a1</i>");
        el.after("<i>a2</i>", { html: true });
      }),
      "element.prepend.append": () => rewrite(PAGE, "p", (el) => {
        el.prepend("<i>p1</i>");
        el.prepend("<i>p2</i>", { html: true });
        el.append("<i>e1</i>");
        el.append("<i>e2</i>", { html: true });
      }),
      "element.replace.text": () => rewrite(PAGE, "div", (el) => { el.replace("<hr>&"); }),
      "element.replace.html": () => rewrite(PAGE, "div", (el) => { el.replace("<hr>", { html: true }); }),
      "element.setInnerContent": () => rewrite(PAGE, "div", (el) => { el.setInnerContent("<x>"); }),
      "element.setInnerContent.html": () => rewrite(PAGE, "div", (el) => { el.setInnerContent("<x>", { html: true }); }),
      "element.remove": async () => {
        let removed;
        const text = await rewrite(PAGE, "div", (el) => { el.remove(); removed = el.removed; });
        return { text, removed };
      },
      "element.removeAndKeepContent": () => rewrite(PAGE, "div", (el) => { el.removeAndKeepContent(); }),
      "element.void.append": () => rewrite(PAGE, "br", (el) => { el.append("x"); el.prepend("y"); el.before("b"); el.after("a"); }),
      "element.void.setInnerContent": () => rewrite(PAGE, "img", (el) => { el.setInnerContent("x"); }),
      "element.chaining": async () => {
        let same;
        const text = await rewrite("<p>x</p>", "p", (el) => { same = el.before("1") === el && el.setAttribute("a", "b") === el && el.removeAttribute("a") === el; });
        return { text, same };
      },
      "element.options": () => rewrite("<p>x</p>", "p", (el) => {
        el.append("<a>", { html: false });
        el.append("<b>", { html: 1 });
        el.append("<c>", {});
        el.append("<d>", undefined);
      }),
      "element.nonString": () => rewrite("<p>x</p>", "p", (el) => { el.append(42); el.setAttribute("n", 7); }),
      "element.multiple.handlers": () => new HTMLRewriter()
        .on("p", { element(el) { el.setAttribute("a", "1"); el.append("[1]"); } })
        .on("p", { element(el) { el.setAttribute("b", el.getAttribute("a") || "none"); el.append("[2]"); } })
        .transform(new Response("<p>x</p>")).text(),
      "endTag": async () => {
        const seen = [];
        const text = await rewrite("<div><p>a</p><p>b</p></div>", "p", (el) => {
          el.onEndTag((end) => {
            seen.push(end.name);
            end.before("<!--b-->", { html: true });
            end.after("<a>");
          });
        });
        return { text, seen };
      },
      "endTag.name.set": () => rewrite("<div>x</div>", "div", (el) => { el.onEndTag((end) => { end.name = "span"; }); }),
      "endTag.remove": () => rewrite("<div>x</div>", "div", (el) => { el.onEndTag((end) => { end.remove(); }); }),
      "endTag.tagName.change": () => rewrite("<div>x</div>", "div", (el) => { el.tagName = "p"; el.onEndTag((end) => { end.after(`[${end.name}]`); }); }),
      "endTag.void.throws": async () => {
        let err;
        await rewrite("<br>", "br", (el) => { try { el.onEndTag(() => {}); err = "no error"; } catch (e) { err = `${e.name}: ${e.message}`; } });
        return err;
      },
      "endTag.missing": async () => {
        let calls = 0;
        const text = await rewrite("<div><p>unclosed</div>", "p", (el) => { el.onEndTag(() => { calls++; }); });
        return { text, calls };
      },
      "endTag.notFunction": async () => {
        let err;
        await rewrite("<p>x</p>", "p", (el) => { try { el.onEndTag("x"); err = "no error"; } catch (e) { err = `${e.name}: ${e.message}`; } });
        return err;
      },
      "element.afterHandler": async () => {
        let saved;
        await rewrite("<p>x</p>", "p", (el) => { saved = el; });
        return [await thrown(() => saved.tagName), await thrown(() => saved.setAttribute("a", "b")), await thrown(() => saved.remove())];
      },
      "element.implicitClose": () => rewrite("<ul><li>1<li>2</ul><p>a<p>b", "li, p", (el) => { el.setAttribute("x", ""); el.append("!"); }),
      "element.raw": () => rewrite("<script>if (a < b) { x = '</p>'; }</script><textarea><b>t</b></textarea><style>p > a {}</style>", "script, textarea, style", (el) => { el.setAttribute("m", "1"); el.prepend("/*p*/"); }),
      "element.svg.selfClosing": async () => {
        const seen = [];
        const text = await rewrite("<svg><path d='x'/><g></g></svg><div/>x", "*", (el) => { seen.push([el.tagName, el.selfClosing, el.canHaveContent, el.namespaceURI]); });
        return { text, seen };
      },
      "element.quotes": () => rewrite("<a href=x title='single' alt=\"double\" bare>t</a>", "a", (el) => { el.setAttribute("href", "y"); el.setAttribute("title", "it's"); }),
      "endTag.implicit": async () => {
        const out = {};
        for (const html of ["<ul><li id=1>1<li id=2>2</ul>", "<div><p id=1>unclosed</div>", "<p id=1>a<p id=2>b</p>", "<div id=1><span id=2>x</div></span>", "<li id=1><li id=2></li></li>", "<table><tr id=1><td id=2>x</table>"]) {
          const seen = [];
          const text = await rewrite(html, "[id]", (el) => {
            const id = el.getAttribute("id");
            el.append(`[a${id}]`);
            el.onEndTag((end) => { seen.push(`${id}:${end.name}`); end.before(`{e${id}}`); });
          });
          out[html] = { text, seen };
        }
        return out;
      },
      "nesting.nthchild": async () => {
        const seen = [];
        await rewrite("<ul><li>1<li>2<li>3</ul><div><p>a<p>b<p>c</div>", "li:nth-child(2), p:nth-child(3), ul li li, div p p", (el) => { seen.push(el.tagName); });
        return seen;
      },
      ...selectorChecks(),
    });
  },
};
