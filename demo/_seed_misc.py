"""Misc hand-written seeds: tables, English prose, MCQ, review snippets (written for norcurate, Apache-2.0)."""

# (land nb, land nn, hovedstad, verdensdel nb, verdensdel nn, språk nb, språk nn, valuta)
COUNTRIES = [
    ("Sverige", "Sverige", "Stockholm", "Europa", "Europa", "svensk", "svensk", "svenske kroner"),
    ("Danmark", "Danmark", "København", "Europa", "Europa", "dansk", "dansk", "danske kroner"),
    ("Finland", "Finland", "Helsingfors", "Europa", "Europa", "finsk og svensk", "finsk og svensk", "euro"),
    ("Island", "Island", "Reykjavík", "Europa", "Europa", "islandsk", "islandsk", "islandske kroner"),
    ("Tyskland", "Tyskland", "Berlin", "Europa", "Europa", "tysk", "tysk", "euro"),
    ("Frankrike", "Frankrike", "Paris", "Europa", "Europa", "fransk", "fransk", "euro"),
    ("Spania", "Spania", "Madrid", "Europa", "Europa", "spansk", "spansk", "euro"),
    ("Italia", "Italia", "Roma", "Europa", "Europa", "italiensk", "italiensk", "euro"),
    ("Polen", "Polen", "Warszawa", "Europa", "Europa", "polsk", "polsk", "zloty"),
    ("Nederland", "Nederland", "Amsterdam", "Europa", "Europa", "nederlandsk", "nederlandsk", "euro"),
    ("Portugal", "Portugal", "Lisboa", "Europa", "Europa", "portugisisk", "portugisisk", "euro"),
    ("Hellas", "Hellas", "Athen", "Europa", "Europa", "gresk", "gresk", "euro"),
    ("Estland", "Estland", "Tallinn", "Europa", "Europa", "estisk", "estisk", "euro"),
    ("Japan", "Japan", "Tokyo", "Asia", "Asia", "japansk", "japansk", "yen"),
    (
        "India",
        "India",
        "New Delhi",
        "Asia",
        "Asia",
        "hindi, engelsk og mange andre språk",
        "hindi, engelsk og mange andre språk",
        "rupi",
    ),
    ("Vietnam", "Vietnam", "Hanoi", "Asia", "Asia", "vietnamesisk", "vietnamesisk", "dong"),
    ("Sør-Korea", "Sør-Korea", "Seoul", "Asia", "Asia", "koreansk", "koreansk", "won"),
    (
        "Kenya",
        "Kenya",
        "Nairobi",
        "Afrika",
        "Afrika",
        "swahili og engelsk",
        "swahili og engelsk",
        "kenyanske shilling",
    ),
    ("Egypt", "Egypt", "Kairo", "Afrika", "Afrika", "arabisk", "arabisk", "egyptiske pund"),
    ("Ghana", "Ghana", "Accra", "Afrika", "Afrika", "engelsk", "engelsk", "cedi"),
    ("Marokko", "Marokko", "Rabat", "Afrika", "Afrika", "arabisk og berbisk", "arabisk og berbisk", "dirham"),
    ("Brasil", "Brasil", "Brasília", "Sør-Amerika", "Sør-Amerika", "portugisisk", "portugisisk", "real"),
    ("Argentina", "Argentina", "Buenos Aires", "Sør-Amerika", "Sør-Amerika", "spansk", "spansk", "peso"),
    ("Chile", "Chile", "Santiago", "Sør-Amerika", "Sør-Amerika", "spansk", "spansk", "chilenske peso"),
    (
        "Canada",
        "Canada",
        "Ottawa",
        "Nord-Amerika",
        "Nord-Amerika",
        "engelsk og fransk",
        "engelsk og fransk",
        "kanadiske dollar",
    ),
    ("Mexico", "Mexico", "Mexico by", "Nord-Amerika", "Nord-Amerika", "spansk", "spansk", "meksikanske peso"),
    ("Australia", "Australia", "Canberra", "Oseania", "Oseania", "engelsk", "engelsk", "australske dollar"),
    (
        "New Zealand",
        "New Zealand",
        "Wellington",
        "Oseania",
        "Oseania",
        "engelsk og maori",
        "engelsk og maori",
        "newzealandske dollar",
    ),
]

# (nb name, nn name, nb class, nn class, nb fact, nn fact)
ANIMALS = [
    (
        "ekorn",
        "ekorn",
        "gnager",
        "gnagar",
        "Det samler nøtter og kongler om høsten og gjemmer dem på mange steder.",
        "Det samlar nøtter og kongler om hausten og gøymer dei på mange stader.",
    ),
    (
        "pinnsvin",
        "pinnsvin",
        "insektetende pattedyr",
        "insektetande pattedyr",
        "Det ruller seg sammen til en pigget ball når det blir skremt.",
        "Det rullar seg saman til ein pigga ball når det vert skremt.",
    ),
    (
        "gaupe",
        "gaupe",
        "kattedyr",
        "kattedyr",
        "Den er Norges eneste ville kattedyr og jakter ofte på rådyr.",
        "Ho er det einaste ville kattedyret i Noreg og jaktar ofte på rådyr.",
    ),
    (
        "jerv",
        "jerv",
        "mårdyr",
        "mårdyr",
        "Den er kraftig bygd og kan tilbakelegge lange strekninger på fjellet i løpet av et døgn.",
        "Han er kraftig bygd og kan fare lange strekningar på fjellet i løpet av eit døgn.",
    ),
    (
        "oter",
        "oter",
        "mårdyr",
        "mårdyr",
        "Den lever langs kysten og ved vassdrag og er en dyktig svømmer.",
        "Han lever langs kysten og ved vassdrag og er ein dugande symjar.",
    ),
    (
        "lunde",
        "lunde",
        "sjøfugl",
        "sjøfugl",
        "Den har et fargerikt nebb og hekker i huler i gresskledde fuglefjell.",
        "Han har eit fargerikt nebb og hekkar i holer i grasgrodde fuglefjell.",
    ),
    (
        "kongeørn",
        "kongsørn",
        "rovfugl",
        "rovfugl",
        "Den holder gjerne til i fjell og skog og tar hare, rype og rev.",
        "Han held gjerne til i fjell og skog og tek hare, rype og rev.",
    ),
    (
        "rype",
        "rype",
        "hønsefugl",
        "hønsefugl",
        "Fjærdrakten blir hvit om vinteren, slik at den er vanskelig å se i snøen.",
        "Fjørdrakta vert kvit om vinteren, slik at ho er vanskeleg å sjå i snøen.",
    ),
    (
        "bever",
        "bever",
        "gnager",
        "gnagar",
        "Den feller trær med tennene og bygger demninger i bekker og elver.",
        "Han fell tre med tennene og byggjer demningar i bekker og elvar.",
    ),
    (
        "spekkhogger",
        "spekkhoggar",
        "tannhval",
        "tannkval",
        "Den lever i flokker og jakter blant annet på sild langs norskekysten.",
        "Han lever i flokkar og jaktar mellom anna på sild langs norskekysten.",
    ),
    (
        "hoggorm",
        "hoggorm",
        "slange",
        "slange",
        "Den er Norges eneste giftige slange og har et sikksakkmønster på ryggen.",
        "Han er den einaste giftige slangen i Noreg og har eit sikksakkmønster på ryggen.",
    ),
    (
        "humle",
        "humle",
        "insekt",
        "insekt",
        "Den er en viktig pollinator og kan fly selv når det er kjølig i været.",
        "Ho er ein viktig pollinator og kan fly sjølv når det er kjølig i vêret.",
    ),
    (
        "kråke",
        "kråke",
        "kråkefugl",
        "kråkefugl",
        "Den er svært lærenem og har lært seg å leve tett på mennesker i byene.",
        "Ho er svært lærenem og har lært seg å leve tett på menneske i byane.",
    ),
    (
        "sel",
        "sel",
        "pattedyr som lever i havet",
        "pattedyr som lever i havet",
        "Den kan dykke lenge og ligger ofte på skjær for å hvile.",
        "Han kan dykke lenge og ligg ofte på skjer for å kvile.",
    ),
    (
        "hare",
        "hare",
        "haredyr",
        "haredyr",
        "Den har lange bakbein og skifter til hvit pels om vinteren.",
        "Han har lange bakbein og skiftar til kvit pels om vinteren.",
    ),
    (
        "frosk",
        "frosk",
        "amfibium",
        "amfibium",
        "Den legger egg i vann, og rumpetrollene lever der før de blir til små frosker.",
        "Han legg egg i vatn, og rumpetrolla lever der før dei vert til små froskar.",
    ),
    (
        "makrell",
        "makrell",
        "fisk",
        "fisk",
        "Den svømmer i store stimer og kommer inn mot kysten om sommeren.",
        "Han sym i store stimar og kjem inn mot kysten om sommaren.",
    ),
    (
        "rådyr",
        "rådyr",
        "hjortedyr",
        "hjortedyr",
        "Det er det minste hjortedyret i Norge og trives i kulturlandskap.",
        "Det er det minste hjortedyret i Noreg og trivst i kulturlandskap.",
    ),
    (
        "ugle",
        "ugle",
        "rovfugl",
        "rovfugl",
        "Den jakter mest om natten og kan høre byttet under snøen.",
        "Ho jaktar mest om natta og kan høyre byttet under snøen.",
    ),
    (
        "maur",
        "maur",
        "insekt",
        "insekt",
        "Den lever i store samfunn der hver maur har sin oppgave.",
        "Han lever i store samfunn der kvar maur har si oppgåve.",
    ),
]

REVIEWS = [
    ("Maten kom raskt og var varm og god. Kommer gjerne tilbake!", "positiv"),
    ("Rommet var skittent, og ingen svarte da vi ringte resepsjonen.", "negativ"),
    ("Boken var grei nok, men slutten var litt forutsigbar.", "nøytral"),
    ("Fantastisk konsert! Lyden var perfekt og stemningen helt rå.", "positiv"),
    ("Jakken gikk i stykker etter to uker. Svært skuffende kvalitet.", "negativ"),
    ("Leveringen tok fem dager, slik det sto på nettsiden.", "nøytral"),
    ("Hyggelig personale og god kaffe, men litt trangt i lokalet.", "nøytral"),
    ("Appen krasjer hver gang jeg prøver å logge inn.", "negativ"),
    ("Beste pizzaen jeg har smakt i byen, og rask levering også.", "positiv"),
    ("Filmen var altfor lang og handlingen var vanskelig å følge.", "negativ"),
    ("Sykkelen er lett, stabil og enkel å justere. Anbefales!", "positiv"),
    ("Hotellet lå sentralt, og frokosten var helt grei.", "nøytral"),
]

SPELLING = [
    ("Jeg har ikke sett han siden igår.", "Jeg har ikke sett ham siden i går."),
    ("Vi skal og reise til hytta i helgen.", "Vi skal også reise til hytta i helgen."),
    ("Hun sa at hun var veldig fornøyd med resultate.", "Hun sa at hun var veldig fornøyd med resultatet."),
    ("Det er viktig og spise frokost hver dag.", "Det er viktig å spise frokost hver dag."),
    ("Kan du sende meg adressen din så fort som mulig?", None),
    ("De var på kino igår kveld og så en skummel film.", "De var på kino i går kveld og så en skummel film."),
    ("Vi må huske å kjøpe melk, brød og egg.", None),
    ("Hvis du har tid så kan vi møtes imorgen.", "Hvis du har tid, kan vi møtes i morgen."),
    ("Han løp så fort han kunne men rakk ikke bussen.", "Han løp så fort han kunne, men rakk ikke bussen."),
    ("Dem som kommer for sent, må vente ute.", "De som kommer for sent, må vente ute."),
]

WORDLISTS = [
    ["eple", "banan", "appelsin", "druer", "kiwi"],
    ["Tromsø", "Bergen", "Oslo", "Kristiansand", "Bodø"],
    ["sykkel", "buss", "tog", "båt", "fly"],
    ["rød", "gul", "blå", "grønn", "oransje"],
    ["hammer", "sag", "drill", "skrutrekker", "tang"],
    ["fiol", "hestehov", "blåklokke", "prestekrage", "løvetann"],
    ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"],
    ["gitar", "piano", "fiolin", "trompet", "fløyte"],
    ["elg", "rev", "bjørn", "ulv", "gaupe"],
    ["Lofoten", "Jæren", "Hardanger", "Valdres", "Romsdal"],
]

EN_TEXTS = [
    "The water cycle describes how water moves between the oceans, the air and the land. Heat from the sun "
    "evaporates water, which rises, cools and condenses into clouds. Eventually it falls as rain or snow and "
    "flows back towards the sea through rivers and groundwater.",
    "A prime number is a whole number greater than one that has no divisors other than one and itself. The first "
    "few primes are 2, 3, 5, 7 and 11. Every whole number greater than one can be written as a product of primes "
    "in exactly one way, apart from the order of the factors.",
    "Photosynthesis is the process by which green plants turn light energy into chemical energy. Using sunlight, "
    "they combine carbon dioxide from the air with water from the soil to make sugar, releasing oxygen as a "
    "by-product. Almost all food chains on Earth depend on it.",
    "The Pythagorean theorem states that in a right triangle, the square of the hypotenuse equals the sum of the "
    "squares of the other two sides. For example, a triangle with legs of 3 and 4 units has a hypotenuse of 5, "
    "because 9 plus 16 is 25.",
    "Compound interest means that interest is earned not only on the original amount but also on interest that "
    "has already been added. Over long periods this makes savings grow much faster than simple interest. The "
    "effect is strongest when interest is added frequently and the money is left untouched.",
    "The printing press, developed in Europe by Johannes Gutenberg around 1450, made books far cheaper to produce. "
    "Ideas could spread more quickly and to more people than ever before. Historians often link it to the "
    "Reformation and the growth of modern science.",
    "Antibiotics are medicines that kill bacteria or stop them from multiplying. They do not work against viruses, "
    "which is why they are not used for the common cold. Overuse of antibiotics can lead to resistant bacteria "
    "that are much harder to treat.",
    "A median is the middle value of a sorted list of numbers. If the list has an even number of values, the "
    "median is the average of the two middle ones. Unlike the mean, the median is not strongly affected by a few "
    "very large or very small values.",
    "Plate tectonics explains that the Earth's outer shell is divided into large plates that move slowly over the "
    "mantle. Where plates collide, mountains can form; where they pull apart, new crust is created. Most "
    "earthquakes and volcanoes occur near plate boundaries.",
    "To convert a temperature from Celsius to Fahrenheit, multiply by nine, divide by five and add thirty-two. So "
    "20 degrees Celsius becomes 68 degrees Fahrenheit. To go the other way, subtract thirty-two and then multiply "
    "by five ninths.",
    "Honeybees communicate the location of food through a movement called the waggle dance. The angle of the "
    "dance shows the direction relative to the sun, and its duration indicates the distance. Other bees in the "
    "hive follow the dancer and then fly out to find the flowers.",
    "A fraction can be simplified by dividing the numerator and the denominator by their greatest common divisor. "
    "For example, 18/24 becomes 3/4 because both numbers can be divided by 6. The value of the fraction stays "
    "the same; only the way it is written changes.",
    "The Roman Empire was one of the largest states of the ancient world, stretching from Britain to the Middle "
    "East at its peak. Its roads, laws and language left a lasting mark on Europe. The western half collapsed in "
    "the fifth century, while the eastern half lasted for almost another thousand years.",
    "Sleep plays an important role in memory. During deep sleep the brain consolidates what we have learned during "
    "the day. People who are short of sleep often find it harder to concentrate and to remember new information.",
    "Probability measures how likely an event is, on a scale from zero to one. When you roll a fair six-sided die, "
    "the probability of getting a four is one sixth. The probability of getting an even number is one half, "
    "because three of the six outcomes are even.",
    "Glaciers form where more snow falls in winter than melts in summer. Over many years the snow is compressed "
    "into ice, which slowly flows downhill under its own weight. As they move, glaciers carve valleys and carry "
    "rocks over long distances.",
    "A linear equation such as 3x + 5 = 20 can be solved by isolating x. First subtract 5 from both sides to get "
    "3x = 15, then divide both sides by 3. The solution is x = 5, which can be checked by putting it back into "
    "the original equation.",
    "Vaccines train the immune system to recognise a particular germ without causing the disease. When a "
    "vaccinated person later meets the real germ, the body can respond quickly. Widespread vaccination has "
    "greatly reduced diseases such as measles and polio.",
    "Electric current is the flow of electric charge through a conductor such as a copper wire. It is measured in "
    "amperes. According to Ohm's law, the current equals the voltage divided by the resistance.",
    "The Industrial Revolution began in Britain in the late eighteenth century. Machines powered first by water and "
    "then by steam transformed the production of textiles, iron and other goods. Many people moved from the "
    "countryside to rapidly growing towns in search of work.",
]
