namespace TerminologyServer.Api.Web;

/// <summary>
/// The search page's script: results as you type (debounced, from <c>/api/search</c>, rendered with textContent
/// only), the address kept shareable (<c>/?q=…</c>), and keyboard navigation: down/up arrows move between the box
/// and the results, Escape returns to the box. Without it the form still submits.
/// </summary>
public static class SearchScript
{
    public const string Source = """
        (function(){
        var form=document.getElementById('search'),box=document.getElementById('q'),list=document.getElementById('results'),status=document.getElementById('status');
        var timer=null,seq=0;
        function params(){var p=new URLSearchParams(new FormData(form));if(p.get('system')==='all')p.delete('system');return p;}
        function why(h){if(h.snippet)return (h.match==='designation'?'Also known as: ':'From its description: ')+h.snippet;
          if(h.match==='code')return 'Exact code'+(h.inactive?' (inactive)':'');if(h.match==='code-prefix')return 'Code starts with your search'+(h.inactive?' (inactive)':'');
          if(h.inactive)return 'Inactive code';if(h.typo)return 'Close spelling';return null;}
        function mark(el,text,q){var ws=q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
          text.split(/([\p{L}\p{N}]+)/u).forEach(function(part){var hit=part&&ws.some(function(w){return part.toLowerCase().indexOf(w)===0;});
            if(hit){var m=document.createElement('mark');m.textContent=part;el.append(m);}else if(part){el.append(document.createTextNode(part));}});}
        function render(data,q){list.textContent='';
          status.textContent=data.total===0?'No codes match \u201c'+q+'\u201d.':(data.total===1?'1 code matches':data.total.toLocaleString('en-US')+' codes match')+' \u201c'+q+'\u201d.';
          var d=document.getElementById('did-you-mean');if(d)d.remove();
          if(data.didYouMean){d=document.createElement('p');d.id='did-you-mean';d.append('Did you mean ');var l=document.createElement('a');l.href='/?q='+encodeURIComponent(data.didYouMean);l.textContent=data.didYouMean;d.append(l,'?');status.after(d);}
          data.results.forEach(function(h){var li=document.createElement('li'),a=document.createElement('a');a.href=h.href;
            var c=document.createElement('span');c.className='c';c.textContent=h.code;var s=document.createElement('span');s.className='s';s.textContent=h.systemName;
            var d=document.createElement('span');d.className='d';mark(d,h.display||h.code,q);a.append(c,s,d);li.append(a);
            var w=why(h);if(w){var p=document.createElement('p');p.className='why';p.textContent=w;li.append(p);}list.append(li);});}
        function run(){var p=params(),q=(p.get('q')||'').trim(),mine=++seq;
          history.replaceState(null,'',q?'/?'+p.toString():'/');
          if(!q){list.textContent='';status.textContent='Type a code or words to search every loaded code system.';return;}
          fetch('/api/search?'+p.toString(),{headers:{Accept:'application/json'}}).then(function(r){return r.json().then(function(j){return {ok:r.ok,j:j};});})
            .then(function(x){if(mine!==seq)return;if(!x.ok){list.textContent='';status.textContent=x.j.message||'The search failed.';return;}render(x.j,q);})
            .catch(function(){if(mine===seq)status.textContent='The search failed; press Enter to try again.';});}
        function later(){clearTimeout(timer);timer=setTimeout(run,150);}
        box.addEventListener('input',later);
        form.addEventListener('change',function(e){if(e.target!==box)run();});
        function links(){return Array.prototype.slice.call(list.querySelectorAll('a'));}
        form.addEventListener('keydown',function(e){if(e.key==='ArrowDown'&&e.target===box){var l=links();if(l.length){e.preventDefault();l[0].focus();}}});
        list.addEventListener('keydown',function(e){var l=links(),i=l.indexOf(document.activeElement);if(i<0)return;
          if(e.key==='ArrowDown'&&i<l.length-1){e.preventDefault();l[i+1].focus();}
          else if(e.key==='ArrowUp'){e.preventDefault();(i===0?box:l[i-1]).focus();}
          else if(e.key==='Escape'){e.preventDefault();box.focus();}});
        })();
        """;
}
