import json, os
import os
D=os.path.dirname(os.path.abspath(__file__))+'/'
fx=[]
def para(ps): return '\n'.join('<p>%s</p>'%p for p in ps)
def write(name, html, body, title, date, outlet, keep, drop, teasers=0):
    open(D+name+'.html','w').write(html)
    open(D+name+'.body.txt','w').write('\n'.join(body)+'\n')
    fx.append((name+'.html', title, date, outlet, keep, drop, teasers))

# 1 WordPress news theme
b=["أعلنت وزارة الزراعة، صباح الاثنين، بدء موسم حصاد القمح في سهل البقاع، وسط توقعات بإنتاج يفوق مليون طن للمرة الأولى منذ خمس سنوات.",
   "وقال المدير العام للوزارة خليل الحاج إن \"الأمطار الغزيرة التي هطلت في الشتاء الماضي رفعت المردود بنحو 30 في المئة\"، مشيراً إلى أن الدولة ستشتري المحصول بسعر مدعوم.",
   "وأوضح أن نحو 12 ألف مزارع سجلوا أسماءهم في برنامج الدعم، على أن تصرف المستحقات خلال أسبوعين من التسليم.",
   "ويطالب المزارعون منذ سنوات بإنشاء صوامع جديدة لتخزين الحبوب، بعد أن تلف جزء من محصول العام الماضي بسبب سوء التخزين."]
t="موسم حصاد القمح ينطلق في البقاع وتوقعات بمحصول قياسي"
write('wp-newsup', f'''<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="UTF-8">
<title>{t} &#8211; سهل نيوز</title>
<meta property="og:site_name" content="سهل نيوز"><meta property="og:title" content="{t}">
<script>var wp={{"a":1}};</script></head>
<body class="rtl single single-post has-sidebar"><div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">سهل نيوز</a></p>
<nav class="main-navigation"><ul><li><a href="/">الرئيسية</a></li><li><a href="/c/1">محليات</a></li></ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-911" class="post type-post status-publish hentry category-local">
<header class="entry-header"><h1 class="entry-title">{t}</h1>
<div class="entry-meta"><time class="entry-date published" datetime="2025-06-16T08:10:00+03:00">16 يونيو 2025</time> <span class="byline">بواسطة <span class="author vcard"><a href="/author/x">فريق التحرير</a></span></span></div></header>
<div class="entry-content">
{para(b)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">شارك هذا:</h3><ul><li class="share-facebook"><a href="#">فيسبوك</a></li><li class="share-twitter"><a href="#">تويتر</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3><em>ذات صلة</em></h3><div class="jp-relatedposts-post"><h4><a href="/?p=900">ارتفاع أسعار الخبز في طرابلس</a></h4><p>شهدت الأفران زيادة جديدة في الأسعار</p></div></div>
</div>
<footer class="entry-footer"><span class="tags-links">الوسوم: <a href="/tag/a" rel="tag">القمح</a>، <a href="/tag/b" rel="tag">البقاع</a></span></footer>
</article>
<div id="comments" class="comments-area"><h3 class="comment-reply-title">اترك تعليقاً</h3><form class="comment-form"><p class="comment-notes">لن يتم نشر عنوان بريدك الإلكتروني.</p><textarea></textarea></form></div>
</main><aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">أحدث المقالات</h2><ul><li><a href="/?p=899">افتتاح مهرجان الكرز في حمانا</a></li></ul></section></aside></div>
<footer class="site-footer"><div class="site-info">جميع الحقوق محفوظة © سهل نيوز 2025</div></footer></div></body></html>''',
 b, t, "2025-06-16", "سهل نيوز", [b[0][:40], b[3][:40]], ["ارتفاع أسعار الخبز في طرابلس","لن يتم نشر عنوان بريدك","افتتاح مهرجان الكرز","شارك هذا","فريق التحرير"])

# 2 Pan-Arab portal with JSON-LD @graph
b=["قررت لجنة أوبك بلس، في اجتماعها الافتراضي الأحد، تمديد خفض الإنتاج الطوعي بمقدار مليوني برميل يومياً حتى نهاية الربع الأول من العام المقبل.",
   "وأفاد بيان صادر عن اللجنة بأن القرار يهدف إلى \"دعم استقرار الأسواق وتوازنها\"، في ظل تباطؤ نمو الطلب في الصين وأوروبا.",
   "وارتفع سعر خام برنت بنسبة 2.4 في المئة بعد الإعلان، ليصل إلى 81 دولاراً للبرميل في التعاملات الآسيوية المبكرة.",
   "ويرى محللون أن التمديد كان متوقعاً على نطاق واسع، لكن بعضهم حذر من أن الدول المنتجة من خارج التحالف قد تستغل الفرصة لزيادة حصصها في السوق."]
t="أوبك بلس تمدد خفض الإنتاج حتى نهاية الربع الأول"
ld={"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"بوابة المشرق","url":"https://www.mashreq-portal.example/"},
    {"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"اقتصاد"}]},
    {"@type":["NewsArticle"],"headline":t,"datePublished":"2024-12-01T11:30:00Z","author":[{"@type":"Person","name":"رنا الخطيب"}],
     "publisher":{"@type":"NewsMediaOrganization","name":"بوابة المشرق"},"articleBody":"\n".join(b),"keywords":["النفط","أوبك"]}]}
write('portal-jsonld-graph', f'''<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{t} | بوابة المشرق</title><meta property="og:title" content="{t} | بوابة المشرق">
<script type="application/ld+json">{json.dumps(ld,ensure_ascii=False)}</script>
<link rel="canonical" href="https://www.mashreq-portal.example/economy/2024/12/01/opec-cut"></head>
<body><div class="top-header"><div class="ticker"><a href="/n/1">عاجل: زلزال بقوة 4 درجات يضرب جنوب تركيا</a></div></div>
<div class="layout"><nav class="breadcrumbs"><a href="/">الرئيسية</a> / <a href="/economy">اقتصاد</a></nav>
<div class="story-wrapper"><h1 class="headline">{t}</h1><div class="byline-info">رنا الخطيب - دبي</div>
<div class="article__body">{para(b)}</div>
<div class="newsletter-box"><h4>اشترك في نشرتنا</h4><p>أهم أخبار الاقتصاد في بريدك كل صباح</p></div>
<div class="recommended-stories"><h3>قد يعجبك أيضاً</h3><a href="/n/2">الذهب يسجل أعلى مستوى في شهرين</a><a href="/n/3">تراجع الليرة التركية أمام الدولار</a></div>
</div></div><div class="cookie-consent">نستخدم ملفات تعريف الارتباط لتحسين تجربتك <button>موافق</button></div>
<footer><p>© بوابة المشرق</p></footer></body></html>''',
 b, t, "2024-12-01", "بوابة المشرق", [b[0][:40], b[3][:40]], ["زلزال بقوة 4 درجات","الذهب يسجل أعلى","ملفات تعريف الارتباط","أهم أخبار الاقتصاد"])

# 3 Egyptian paper, itemprop articleBody, urgent title, inline read-also
b=["أعلنت محافظة الإسكندرية، اليوم الخميس، رفع درجة الاستعداد القصوى في جميع الأحياء لمواجهة موجة الطقس السيئ المتوقعة خلال الأيام الثلاثة المقبلة.",
   "وقال المحافظ في بيان إن غرفة العمليات المركزية ستعمل على مدار الساعة، وإن 45 سيارة لشفط المياه جرى توزيعها على المناطق المنخفضة.",
   "وتوقعت هيئة الأرصاد الجوية سقوط أمطار غزيرة قد تصل إلى حد السيول على السواحل الشمالية، مع نشاط للرياح يصل إلى 60 كيلومتراً في الساعة.",
   "ودعت المحافظة المواطنين إلى تجنب الوقوف أسفل اللافتات والأشجار، والإبلاغ عن أي تجمعات للمياه عبر الخط الساخن."]
t="الإسكندرية ترفع الاستعداد القصوى لمواجهة موجة الطقس السيئ"
write('egypt-itemprop', f'''<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>عاجل.. {t} - بوابة الدلتا</title><meta property="og:title" content="عاجل.. {t}"><meta property="og:site_name" content="بوابة الدلتا"></head>
<body><div id="header"><ul class="main-nav"><li><a href="/">الرئيسية</a></li><li><a href="/s/2">محافظات</a></li></ul></div>
<div class="container"><div class="col-md-8" itemscope itemtype="http://schema.org/NewsArticle">
<meta itemprop="datePublished" content="2025-11-20T10:05:00+02:00">
<h1 itemprop="headline">عاجل.. {t}</h1><div class="news-info"><span class="writer">كتب: أحمد سمير</span> <span class="news-date">الخميس، 20 نوفمبر 2025 - 10:05</span></div>
<div class="share-tools"><a href="#">شارك</a> <a href="#">طباعة</a></div>
<div class="article-content" itemprop="articleBody">
<p>{b[0]}</p><p>{b[1]}</p>
<p><strong><a href="/news/777">اقرأ أيضا: محافظ الجيزة يتفقد أعمال رصف طريق المريوطية</a></strong></p>
<p>{b[2]}</p><p>{b[3]}</p></div>
<div class="related-news"><h3>موضوعات متعلقة</h3><ul><li><a href="/n/5">سعر الذهب اليوم في مصر</a></li></ul></div></div>
<div class="col-md-4 sidebar"><h3>الأكثر مشاهدة</h3><ol><li><a href="/n/6">نتيجة الشهادة الإعدادية</a></li></ol></div></div>
<div id="footer">جميع الحقوق محفوظة لبوابة الدلتا</div></body></html>''',
 b, t, "2025-11-20", "بوابة الدلتا", [b[0][:40], b[3][:40]], ["محافظ الجيزة يتفقد","سعر الذهب اليوم","نتيجة الشهادة","كتب: أحمد سمير"], 1)

# 4 Gulf paper, div.article-body with <br> paragraphs, text date, title suffix only
b=["الكويت - الشرق الجديد: وافق مجلس الوزراء في اجتماعه الأسبوعي على مشروع قانون لتنظيم العمل عن بعد في الجهات الحكومية، تمهيداً لإحالته إلى مجلس الأمة.",
   "ويتيح المشروع للموظفين العمل من المنزل يومين في الأسبوع كحد أقصى، بشرط موافقة الجهة المختصة وتحقيق مؤشرات الأداء المطلوبة.",
   "وقال وزير الدولة لشؤون مجلس الوزراء إن التجربة التي طبقت خلال الجائحة \"أثبتت إمكانية رفع الإنتاجية وخفض الازدحام المروري\".",
   "وينتظر أن يناقش المجلس المشروع في دور الانعقاد المقبل، وسط ترحيب من جمعيات النفع العام."]
t="مجلس الوزراء يقر مشروع قانون العمل عن بعد"
write('gulf-article-body', f'''<html><head><meta charset="utf-8"><title>{t} - صحيفة الشرق الجديد</title></head>
<body><table width="100%" id="top"><tr><td class="menu"><a href="/">الرئيسية</a> | <a href="/local">محليات</a></td></tr></table>
<div class="main"><h2 class="title">{t}</h2><div class="date">تاريخ النشر: 14/03/2025</div>
<div class="article-body">{"<br><br>".join(b)}</div>
<div class="source">المصدر: الشرق الجديد</div>
<table class="related"><tr><th>أخبار ذات صلة</th></tr><tr><td><a href="/d/1">ارتفاع أسعار العقارات في حولي</a></td></tr></table></div>
<div id="footer">جميع الحقوق محفوظة</div></body></html>''',
 b, t, "2025-03-14", "الشرق الجديد", ["وافق مجلس الوزراء في اجتماعه الأسبوعي", b[3][:40]], ["ارتفاع أسعار العقارات","تاريخ النشر","المصدر:"])

# 5 no structured data: density only
b=["شهدت مدينة صفاقس التونسية، مساء السبت، افتتاح الدورة العاشرة لمعرض الكتاب الجهوي بمشاركة أكثر من مئة دار نشر من تونس والجزائر وليبيا.",
   "وقالت مديرة المعرض سلمى بن يوسف إن الدورة الحالية تركز على أدب الطفل، إذ خصص لها جناح كامل يضم ورشات للقراءة والرسم طوال أيام المعرض.",
   "وأضافت أن إدارة المعرض خفضت أسعار التذاكر بنسبة النصف للطلبة، وأن الدخول مجاني لتلاميذ المدارس في الفترة الصباحية.",
   "ويستمر المعرض عشرة أيام، ويتضمن برنامجه ندوات فكرية وأمسيات شعرية وتوقيعات لعدد من الروائيين الشباب."]
t="افتتاح معرض صفاقس للكتاب بمشاركة مئة دار نشر"
links=''.join(f'<div class="c9"><a href="/x/{i}">خبر قصير رقم {i} عن أحداث متفرقة في الجهة</a></div>' for i in range(8))
write('density-only', f'''<html><head><title>{t} :: صدى الجنوب</title></head><body>
<div class="c1">{links}</div>
<div class="c2"><div class="c3"><h1>{t}</h1><div class="c4">نشر في 5 يونيو 2025</div>
<div class="c5">{para(b)}</div></div>
<div class="c6"><span>آخر الأخبار</span>{links}</div></div>
<div class="c7">© صدى الجنوب - كل الحقوق محفوظة</div></body></html>''',
 b, t, "2025-06-05", "صدى الجنوب", [b[0][:40], b[3][:40]], ["خبر قصير رقم","كل الحقوق محفوظة"])

# 6 related block inside <article>, no content class
b=["وقعت شركة الموانئ العمانية اتفاقية مع تحالف آسيوي لتوسعة ميناء الدقم، بكلفة تقدر بنحو 400 مليون دولار على مدى خمس سنوات.",
   "وتشمل التوسعة إنشاء رصيفين جديدين للحاويات بطول إجمالي يبلغ كيلومتراً ونصف الكيلومتر، وتعميق القناة الملاحية لاستقبال السفن العملاقة.",
   "وقال الرئيس التنفيذي للشركة إن المشروع سيرفع الطاقة الاستيعابية للميناء إلى ثلاثة ملايين حاوية سنوياً بحلول عام 2030.",
   "ويأتي الاتفاق ضمن خطة أوسع لتنويع مصادر الدخل وتقليل الاعتماد على عائدات النفط والغاز."]
t="اتفاقية بـ400 مليون دولار لتوسعة ميناء الدقم"
write('related-inside-article', f'''<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{t} | مسقط اليوم</title>
<meta property="og:site_name" content="مسقط اليوم"><meta property="article:published_time" content="2025-02-09T07:00:00+04:00"></head>
<body><nav><a href="/">الرئيسية</a><a href="/eco">اقتصاد</a></nav><main><article>
<h1>{t}</h1>
{para(b)}
<h3>اقرأ أيضاً</h3><ul><li><a href="/a/1">افتتاح مطار صحار بعد التوسعة</a></li><li><a href="/a/2">ارتفاع صادرات الأسماك العمانية</a></li></ul>
</article></main><footer>مسقط اليوم</footer></body></html>''',
 b, t, "2025-02-09", "مسقط اليوم", [b[0][:40], b[3][:40]], ["افتتاح مطار صحار","صادرات الأسماك"], 2)

# 7 Levantine: truncated JSON-LD body, DOM wins; Levantine date in text only
b=["أطلقت بلدية عمّان الكبرى، الأحد، مشروعاً لإعادة تأهيل الدرج التاريخي في منطقة جبل اللويبدة، بتمويل من منحة أوروبية قيمتها مليونا يورو.",
   "وقال نائب رئيس البلدية إن المشروع يشمل ترميم 14 درجاً حجرياً وتركيب إنارة تعمل بالطاقة الشمسية وزراعة أشجار على جانبيها.",
   "وأشار إلى أن الأعمال ستنفذ على مراحل حتى لا تتعطل حركة السكان، على أن تنتهي المرحلة الأولى قبل حلول فصل الصيف.",
   "ويعد جبل اللويبدة من أقدم أحياء العاصمة، ويقصده السياح لمقاهيه ومعارضه الفنية وإطلالته على وسط البلد."]
t="عمّان تطلق مشروعاً لإعادة تأهيل أدراج اللويبدة"
ld={"@context":"https://schema.org","@type":"ReportageNewsArticle","headline":t,"articleBody":b[0][:60]+"...","publisher":{"@type":"Organization","name":"نبض الشام"}}
write('levantine-truncated-ld', f'''<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>نبض الشام | {t}</title>
<script type="application/ld+json">{json.dumps(ld,ensure_ascii=False)}</script></head><body>
<header><div class="logo">نبض الشام</div><nav><a href="/">الرئيسية</a></nav></header>
<div class="wrap"><div class="post"><h1 class="post-title">{t}</h1><div class="post-date">الأحد ١٩ كانون الثاني ٢٠٢٥</div>
<div class="post-text">{para(b)}</div><div class="post-share">شارك: <a href="#">فيسبوك</a></div></div>
<aside class="side"><h3>الأكثر قراءة</h3><ul><li><a href="/p/1">دمشق: معرض للكتاب المستعمل</a></li></ul></aside></div>
<footer>نبض الشام ٢٠٢٥</footer></body></html>''',
 b, t, "2025-01-19", "نبض الشام", [b[0][:40], b[3][:40]], ["معرض للكتاب المستعمل","شارك:"])

# 8 malformed old table layout
b=["أعلن الاتحاد الجزائري لكرة القدم، أمس، تعيين المدرب الوطني سمير بلقاسم مديراً فنياً للمنتخب الأولمبي خلفاً للفرنسي جان لوك ماريو.",
   "وأوضح الاتحاد في بيانه أن العقد يمتد لعامين، وأن المهمة الأولى للمدرب الجديد ستكون التأهل إلى دورة الألعاب الأولمبية المقبلة.",
   "ويعرف بلقاسم بخبرته الطويلة مع الفئات الشابة، إذ قاد منتخب الناشئين إلى نهائي كأس أفريقيا قبل ثلاث سنوات."]
t="بلقاسم مدرباً للمنتخب الأولمبي الجزائري"
write('malformed-table', f'''<html><head><title>{t} - الهداف الرياضي</title><meta property="article:published_time" content="2025-08-30 21:15:00">
<meta property="og:site_name" content="الهداف الرياضي"></head><body><table><tr><td class="nav-cell"><a href="/">الرئيسية</a> <a href="/foot">كرة القدم</a>
<td><center><font size=5><h2>{t}</h3></font>
<div class=txt><p>{b[0]}<p>{b[1]}<p>{b[2]}<p>المصدر: وكالة الأنباء الجزائرية
</div><div class="ads-box"><b>إعلان</b></div>
<div class="comments-box"><p>تعليق القارئ: مبروك للمدرب الجديد ونتمنى له التوفيق</div>
</table></body>''',
 b, t, "2025-08-30", "الهداف الرياضي", [b[0][:40], b[2][:40]], ["مبروك للمدرب","إعلان","المصدر:"])

# 9 body only in JSON-LD (rendered by script)
b=["افتتحت جامعة الملك عبدالعزيز في جدة مختبراً جديداً لأبحاث تحلية المياه بالطاقة الشمسية، بتكلفة بلغت 45 مليون ريال.",
   "وقال مدير الجامعة إن المختبر سيعمل بالشراكة مع ثلاث جامعات أوروبية، وسيستقبل 60 باحثاً من طلاب الدراسات العليا.",
   "ويهدف المختبر إلى خفض كلفة إنتاج المتر المكعب من المياه المحلاة إلى النصف خلال عشر سنوات."]
t="جامعة في جدة تفتتح مختبراً لتحلية المياه بالطاقة الشمسية"
ld=[{"@context":"https://schema.org","@type":"NewsArticle","headline":t,"datePublished":"2024-05-12","articleBody":"\n\n".join(b),"publisher":{"name":"آفاق الحجاز"}}]
write('jsonld-only', f'''<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>{t}</title>
<script type="application/ld+json">{json.dumps(ld,ensure_ascii=False)}</script></head>
<body><div id="app"><nav><a href="/">الرئيسية</a></nav><h1>{t}</h1><div id="root"></div></div><script>render()</script></body></html>''',
 b, t, "2024-05-12", "آفاق الحجاز", [b[0][:40], b[2][:40]], ["الرئيسية"])

def c(s): return json.dumps(s, ensure_ascii=False)
with open(D+'fixtures.inc','w') as f:
    f.write('// Generated table of the HTML fixtures: file, title, date, outlet, keep, drop, min teasers.\n')
    for (n,t,d,o,k,dr,ts) in fx:
        f.write('{%s, %s, %s, %s, {%s}, {%s}, %d},\n'%(c(n),c(t),c(d),c(o),', '.join(map(c,k)),', '.join(map(c,dr)),ts))
