"""Hand-written toy benchmark seeds (written for norcurate, Apache-2.0).

NORQUAD: (slug, context, question, answer) -- answer is a span of the context.
MCQ: (slug, lang, question, [A, B, C, D], answer_label)
"""

NORQUAD = [
    (
        "urnes",
        "Urnes stavkirke står på et nes ved Lustrafjorden i Vestland og regnes som den eldste av de bevarte "
        "stavkirkene i Norge. Den nåværende kirken ble reist rundt år 1130, men flere av de utskårne plankene "
        "på nordveggen er gjenbrukt fra en eldre kirke på samme sted. Utskjæringene viser dyr som slynger seg "
        "rundt hverandre i et mønster som har gitt navn til urnesstilen i nordisk kunsthistorie. I 1979 ble "
        "kirken skrevet inn på UNESCOs verdensarvliste. Kirken eies i dag av Fortidsminneforeningen og er åpen "
        "for besøkende om sommeren.",
        "Når ble Urnes stavkirke skrevet inn på UNESCOs verdensarvliste?",
        "I 1979",
    ),
    (
        "hurtigruten",
        "Hurtigruten ble startet i 1893 da kaptein Richard With satte i gang en fast rute med dampskipet "
        "Vesteraalen mellom Trondheim og Hammerfest. Mange mente det var for farlig å seile langs kysten om "
        "vinteren og i mørke, men With hadde samlet egne notater om kurs og tider som gjorde det mulig. Ruten "
        "ble etter hvert forlenget, og i dag går skipene mellom Bergen og Kirkenes. For småsamfunn langs kysten "
        "var ruten i mange tiår den viktigste forbindelsen for post, gods og reisende. I nyere tid har den også "
        "blitt en kjent turistattraksjon.",
        "Hvilket dampskip brukte Richard With da Hurtigruten startet?",
        "Vesteraalen",
    ),
    (
        "torrfisk",
        "Tørrfisk fra Lofoten lages av skrei, den gytemodne torsken som kommer inn til kysten fra Barentshavet "
        "hver vinter. Fisken sløyes, bindes sammen to og to og henges på hjeller av tre fra februar til april. "
        "Det kjølige og vindfulle klimaet gjør at fisken tørker uten å fryse for hardt eller råtne. Etter omtrent "
        "tre måneder tas den ned og modnes innendørs før den sorteres i mer enn tjue kvaliteter. Mye av "
        "tørrfisken eksporteres til Italia, hvor den brukes i tradisjonelle retter som stoccafisso.",
        "Hvilket land importerer mye av tørrfisken fra Lofoten?",
        "Italia",
    ),
    (
        "jostedalsbreen",
        "Jostedalsbreen er den største isbreen på det europeiske fastlandet og dekker et areal på omtrent 460 "
        "kvadratkilometer. Breen ligger i Vestland fylke, og fra platået går det mange brearmer ned mot dalene, "
        "blant dem Nigardsbreen og Briksdalsbreen. Isen er flere hundre meter tykk på det meste. Som de fleste "
        "breer i Norge har Jostedalsbreen trukket seg tilbake de siste tiårene, og forskere følger utviklingen "
        "nøye. Området rundt ble vernet som nasjonalpark i 1991.",
        "Hvor stort areal dekker Jostedalsbreen omtrent?",
        "omtrent 460 kvadratkilometer",
    ),
    (
        "roros",
        "Røros Kobberverk ble grunnlagt i 1644 etter at det ble funnet kobbermalm i fjellene omkring. Gruvedriften "
        "varte i 333 år og ble lagt ned i 1977. Rundt verket vokste det fram en bergstad med lave trehus, smale "
        "gater og slagghauger som fremdeles preger bybildet. Arbeidet i gruvene var hardt, og mange familier "
        "drev også litt jordbruk ved siden av for å klare seg. Bergstaden og området rundt, kalt Circumferensen, "
        "står i dag på UNESCOs verdensarvliste.",
        "Hvor mange år varte gruvedriften ved Røros Kobberverk?",
        "333 år",
    ),
    (
        "froehvelv",
        "Svalbard globale frøhvelv ble åpnet i 2008 og ligger inne i et fjell utenfor Longyearbyen. Hvelvet fungerer "
        "som en sikkerhetskopi for genbanker over hele verden, som sender inn frø av matplanter de vil ta vare på. "
        "Frøene lagres ved minus 18 grader, og permafrosten i fjellet gjør at de vil holde seg kalde selv om "
        "strømmen skulle falle ut. Hvelvet eies av den norske staten, mens frøene fortsatt tilhører den genbanken "
        "som har deponert dem. Det er plass til flere millioner frøprøver.",
        "Ved hvilken temperatur lagres frøene i frøhvelvet?",
        "minus 18 grader",
    ),
    (
        "kontiki",
        "I 1947 seilte Thor Heyerdahl og fem andre menn over Stillehavet på flåten Kon-Tiki. Flåten var bygget av "
        "balsatømmer etter modell av gamle søramerikanske farkoster, og reisen startet i Callao i Peru. Etter 101 "
        "døgn på havet strandet flåten på et korallrev ved Raroia i Polynesia. Heyerdahl ville vise at folk fra "
        "Sør-Amerika kunne ha nådd øyene i Stillehavet. Boken og filmen om ekspedisjonen ble verdenskjente, og "
        "flåten står i dag i Kon-Tiki Museet på Bygdøy.",
        "Hvor mange døgn varte Kon-Tiki-ferden før flåten strandet?",
        "101 døgn",
    ),
    (
        "holmenkollen",
        "Det første hopprennet i Holmenkollen ble arrangert i 1892, og bakken har siden vært bygget om mange ganger. "
        "Den nåværende hoppbakken sto ferdig i 2010 og er laget av stål, med et tårn som kan sees fra store deler "
        "av Oslo. Holmenkollrennet samler hvert år store publikumsmengder, og søndagen med hopp har fått tilnavnet "
        "den andre nasjonaldagen. Anlegget var hovedarena for ski-VM i 2011. Under bakken ligger også et skimuseum "
        "som forteller om fire tusen år med skiløping.",
        "Hvilket år sto den nåværende hoppbakken i Holmenkollen ferdig?",
        "2010",
    ),
    (
        "telemarkskanalen",
        "Telemarkskanalen går fra Skien til Dalen og er om lag 105 kilometer lang. Kanalen ble bygget i to etapper, "
        "og den siste delen mellom Ulefoss og Dalen ble åpnet i 1892. Til sammen har kanalen 18 sluser som løfter "
        "båtene 72 meter opp fra havet. Arbeidet ble gjort for hånd av flere hundre anleggsarbeidere, og "
        "steinmurene i slusekamrene står fremdeles. Før jernbane og bilvei kom, var kanalen en viktig ferdselsåre "
        "for tømmer og varer. I dag brukes den mest av turistbåter og fritidsbåter.",
        "Hvor mange sluser har Telemarkskanalen?",
        "18 sluser",
    ),
    (
        "geiranger",
        "Geirangerfjorden er en arm av Storfjorden på Sunnmøre og er omtrent 15 kilometer lang. Fjorden er omgitt "
        "av bratte fjellsider, og fossene De syv søstre og Friaren faller ned mot vannet fra hver sin side. Langs "
        "fjorden finnes det forlatte fjellgårder som Skageflå og Knivsflå, der folk bodde under svært krevende "
        "forhold. Sammen med Nærøyfjorden ble Geirangerfjorden innskrevet på verdensarvlisten i 2005. Om sommeren "
        "kommer mange cruiseskip inn fjorden, noe som har skapt debatt om utslipp.",
        "Hva heter fossen som faller ned mot Geirangerfjorden og har et navn som viser til sju personer?",
        "De syv søstre",
    ),
    (
        "nordlys",
        "Nordlys oppstår når elektrisk ladde partikler fra sola treffer jordas atmosfære. Jordas magnetfelt leder "
        "partiklene mot områdene rundt polene, der de kolliderer med oksygen- og nitrogenatomer i stor høyde. Når "
        "atomene gir fra seg energi, sender de ut lys. Grønt lys kommer oftest fra oksygen omkring 100 til 200 "
        "kilometer over bakken, mens rødt og fiolett lys er sjeldnere. Nord-Norge ligger under nordlysovalen, og "
        "derfor kan lyset ses mange netter i den mørke årstiden når himmelen er klar.",
        "Hvilket grunnstoff gir oftest grønt nordlys?",
        "oksygen",
    ),
    (
        "saltstraumen",
        "Saltstraumen ligger rundt tre mil sørøst for Bodø og regnes som en av verdens sterkeste tidevannsstrømmer. "
        "Gjennom et smalt sund på om lag 150 meters bredde presses store vannmengder inn og ut av Skjerstadfjorden "
        "fire ganger i døgnet. Strømmen kan nå en fart på rundt 20 knop, og det dannes virvler som kan bli flere "
        "meter dype. Det rike næringstilfanget gjør stedet populært blant sportsfiskere, som ofte får sei og torsk. "
        "En bro over sundet gir god utsikt over strømmen.",
        "Hvor fort kan strømmen i Saltstraumen gå?",
        "rundt 20 knop",
    ),
    (
        "fram",
        "Polarskuta Fram ble bygget av skipsbyggeren Colin Archer og sjøsatt i 1892. Skroget var formet slik at "
        "skuta ble presset opp når isen skrudde seg sammen rundt den, i stedet for å bli knust. Fridtjof Nansen "
        "brukte Fram på ferden over Polhavet fra 1893 til 1896, der skuta drev med isen. Senere ble den brukt av "
        "Otto Sverdrup og av Roald Amundsen på sydpolekspedisjonen. I dag står Fram i et eget museum på Bygdøy i "
        "Oslo, og besøkende kan gå om bord.",
        "Hvem bygget polarskuta Fram?",
        "Colin Archer",
    ),
    (
        "vigeland",
        "Vigelandsanlegget i Frognerparken i Oslo er verdens største skulpturpark laget av én kunstner. Gustav "
        "Vigeland arbeidet med anlegget fra 1920-tallet og fram til sin død i 1943. Parken har mer enn 200 "
        "skulpturer i bronse, granitt og smijern. Det mest kjente verket er Monolitten, en søyle hugget ut av én "
        "granittblokk med 121 menneskekropper som klatrer over hverandre. Den lille bronsefiguren Sinnataggen er "
        "også svært populær blant turister. Parken er åpen hele døgnet og har gratis adgang.",
        "Hvor mange menneskekropper er hugget ut i Monolitten?",
        "121",
    ),
    (
        "bunad",
        "Ordet bunad brukes i dag om drakter som bygger på lokale klestradisjoner fra bygdene. Mange av dagens "
        "bunader ble utformet på begynnelsen av 1900-tallet, da interessen for folkekultur var stor. Hulda Garborg "
        "var en sentral skikkelse i denne bevegelsen og skrev boken Norsk klædebunad i 1903. En bunad har ofte "
        "rike broderier og sølvsmykker som kalles sølje. Den mest brukte dagen for bunad er 17. mai, men mange "
        "bruker den også i bryllup, konfirmasjoner og andre høytider.",
        "Hva kalles sølvsmykkene som ofte hører til en bunad?",
        "sølje",
    ),
    (
        "lutefisk",
        "Lutefisk er tørrfisk som er lagt i vann og deretter i lut, slik at fisken sveller og får en geléaktig "
        "konsistens. Tidligere ble luten laget av bjørkeaske, men i dag brukes ofte kaustisk soda. Prosessen tar "
        "til sammen en til to uker, og fisken må skylles godt i rent vann før den kokes eller bakes i ovnen. "
        "Tilbehøret varierer fra landsdel til landsdel, men ertestuing, bacon, poteter og sennep er vanlig. Retten "
        "spises mest i førjulstiden.",
        "Hva ble luten tidligere laget av?",
        "bjørkeaske",
    ),
    (
        "sametinget",
        "Sametinget er det folkevalgte organet for samene i Norge og ble åpnet av kong Olav V i 1989. Tinget holder "
        "til i Karasjok i Finnmark, i en bygning som er formet med inspirasjon fra lavvoen. Representantene velges "
        "hvert fjerde år av dem som står i Sametingets valgmanntall. Sametinget gir råd til staten og fordeler "
        "midler til samisk språk, kultur og næringsliv. Arbeidet bygger blant annet på grunnlovsparagrafen som "
        "sier at staten skal legge forholdene til rette for at samene kan sikre og utvikle sitt språk og sin kultur.",
        "Hvor holder Sametinget til?",
        "Karasjok",
    ),
    (
        "hardingfele",
        "Hardingfela er et norsk strykeinstrument som ligner en vanlig fiolin, men som har fire eller fem "
        "understrenger i tillegg til de fire strengene musikeren spiller på. Understrengene ligger under "
        "gripebrettet og klinger med når de andre strengene spilles, slik at lyden blir fyldig og klangrik. "
        "Instrumentet er ofte rikt dekorert med rosemaling eller perlemorinnlegg. Det eldste kjente eksemplaret, "
        "Jaastad-fela, er fra 1651. Hardingfela er særlig knyttet til Vestlandet og Telemark.",
        "Hva heter det eldste kjente eksemplaret av hardingfela?",
        "Jaastad-fela",
    ),
    (
        "preikestolen",
        "Preikestolen er en fjellhylle som rager 604 meter rett opp fra Lysefjorden i Rogaland. Toppen er et nesten "
        "flatt platå på omtrent 25 ganger 25 meter. Stien opp starter ved Preikestolen fjellstue og er rundt fire "
        "kilometer lang hver vei. De fleste bruker mellom fire og fem timer på turen tur-retur. Fjellhyllen ble "
        "trolig dannet da vann frøs i sprekker i berget under siste istid. Hvert år kommer flere hundre tusen "
        "besøkende, og mange kommer tidlig om morgenen for å unngå kø på toppen.",
        "Hvor høyt over Lysefjorden rager Preikestolen?",
        "604 meter",
    ),
    (
        "atlanterhavsveien",
        "Atlanterhavsveien er en vel åtte kilometer lang vei mellom Kristiansund og Molde som går over en rekke små "
        "øyer og skjær. Veien har åtte broer, og den mest kjente er Storseisundbrua, som ser ut til å slutte i løse "
        "luften når man nærmer seg den fra visse vinkler. Veien ble åpnet i 1989 etter seks år med bygging. Under "
        "anleggsarbeidet ble det registrert en rekke orkaner som stanset arbeidet. I dag er Atlanterhavsveien en "
        "nasjonal turistvei.",
        "Hva heter den mest kjente broen på Atlanterhavsveien?",
        "Storseisundbrua",
    ),
    (
        "mjosa",
        "Mjøsa er Norges største innsjø med et areal på om lag 365 kvadratkilometer. Innsjøen strekker seg fra "
        "Lillehammer i nord til Minnesund i sør, og byene Hamar og Gjøvik ligger ved bredden. Det dypeste punktet "
        "er 453 meter, noe som betyr at bunnen der ligger langt under havnivå. Hjuldamperen Skibladner har "
        "trafikkert Mjøsa siden 1856 og er verdens eldste hjuldamper i rutetrafikk. På 1970-tallet var innsjøen "
        "sterkt forurenset, men en stor opprydningsaksjon bedret vannkvaliteten.",
        "Hva heter hjuldamperen som har trafikkert Mjøsa siden 1856?",
        "Skibladner",
    ),
    (
        "lemen",
        "Lemenet er en liten gnager som lever på fjellet i Norge, Sverige og Finland. Det har en kraftig pels med "
        "svarte, gule og brune flekker, og det er kjent for å frese og pipe høylytt når det føler seg truet. Bestanden "
        "svinger kraftig, og noen år kommer det store lemenår med dyr overalt. Slike år får også rovfugler og fjellrev "
        "bedre tilgang på mat. Den gamle myten om at lemen begår kollektivt selvmord stemmer ikke, men dyrene kan "
        "drukne når de vandrer over vann i jakten på nye områder.",
        "Hvilket rovdyr nevnes som et dyr som får bedre tilgang på mat i lemenår?",
        "fjellrev",
    ),
    (
        "moskus",
        "Moskusen på Dovrefjell stammer fra dyr som ble hentet fra Øst-Grønland i perioden 1932 til 1953. Arten "
        "hadde levd i Skandinavia etter siste istid, men døde ut for flere tusen år siden. Bestanden på Dovrefjell "
        "teller i dag et par hundre dyr. En voksen okse kan veie over 300 kilo, og den tette underullen kalles qiviut. "
        "Moskus kan bli aggressive hvis folk kommer for nær, og turister anbefales å holde minst 200 meters avstand.",
        "Hva kalles den tette underullen til moskusen?",
        "qiviut",
    ),
    (
        "brunost",
        "Brunost lages ved at myse kokes inn til sukkeret i den karamelliseres og gir osten brun farge og søtlig smak. "
        "Det var budeia Anne Hov i Gudbrandsdalen som i 1863 begynte å tilsette fløte i mysen, noe som gjorde osten "
        "fetere og mer populær. Gudbrandsdalsost inneholder både kumelk og geitmelk, mens ekte geitost bare lages av "
        "geitmelk. Osten skjæres som regel i tynne skiver med ostehøvel, et redskap som ble patentert av Thor Bjørklund "
        "i 1925.",
        "Hvem patenterte ostehøvelen?",
        "Thor Bjørklund",
    ),
    (
        "allemannsrett",
        "Allemannsretten gir alle rett til å ferdes til fots i utmark, som skog, fjell og strand, uansett hvem som "
        "eier grunnen. Retten er regulert i friluftsloven fra 1957. Man kan telte i utmark i inntil to døgn på samme "
        "sted uten å spørre grunneieren, så lenge teltet står minst 150 meter fra nærmeste bebodde hus eller hytte. "
        "Det er også lov å plukke bær, sopp og blomster til eget bruk. Samtidig har alle en plikt til å ta hensyn, "
        "rydde etter seg og unngå å skade natur og dyreliv.",
        "Hvor langt unna nærmeste bebodde hus må teltet stå?",
        "minst 150 meter",
    ),
    (
        "vemork",
        "Under andre verdenskrig produserte Norsk Hydros anlegg på Vemork i Rjukan tungtvann, som kunne brukes i "
        "forskning på atomvåpen. De allierte ønsket å stanse produksjonen, og natt til 28. februar 1943 tok en gruppe "
        "norske sabotører seg inn i anlegget og sprengte produksjonsutstyret. Aksjonen fikk navnet Operasjon "
        "Gunnerside. Ingen ble drept, og alle sabotørene kom seg unna. Senere samme år ble anlegget bombet, og i 1944 "
        "ble en ferje med tungtvann senket på Tinnsjøen.",
        "Hva het sabotasjeaksjonen mot Vemork i februar 1943?",
        "Operasjon Gunnerside",
    ),
    (
        "bergensbanen",
        "Bergensbanen forbinder Oslo og Bergen og ble åpnet i 1909. Strekningen er rundt 500 kilometer lang og går over "
        "Hardangervidda, der det høyeste punktet på Finse ligger 1222 meter over havet. Byggingen var svært krevende, "
        "og arbeiderne, som ble kalt rallare, måtte sprenge tunneler og bygge snøoverbygg for å holde sporet åpent om "
        "vinteren. Rallarvegen, som i dag er en populær sykkelrute, var opprinnelig en anleggsvei for jernbanen.",
        "Hva ble arbeiderne som bygde Bergensbanen kalt?",
        "rallare",
    ),
    (
        "ekofisk",
        "Høsten 1969 fant det amerikanske selskapet Phillips Petroleum olje i Ekofisk-feltet i Nordsjøen. Funnet kom "
        "etter flere år med leting uten resultater, og mange hadde nesten gitt opp håpet om store funn på norsk sokkel. "
        "Produksjonen startet i 1971. Oljeinntektene har siden forandret Norge, og i 1990 vedtok Stortinget å opprette "
        "et oljefond. Fondet, som i dag heter Statens pensjonsfond utland, investerer i aksjer, obligasjoner og "
        "eiendom i utlandet.",
        "Hvilket selskap fant olje i Ekofisk-feltet?",
        "Phillips Petroleum",
    ),
    (
        "fredspris",
        "Nobels fredspris deles ut i Oslo, mens de andre nobelprisene deles ut i Stockholm. Grunnen er at Alfred "
        "Nobel i testamentet sitt bestemte at en komité valgt av Stortinget skulle dele ut fredsprisen. Da Nobel "
        "døde i 1896, var Norge og Sverige i union. Den første fredsprisen ble delt ut i 1901 til Henry Dunant og "
        "Frédéric Passy. Prisutdelingen finner sted 10. desember, som er Nobels dødsdag, og seremonien holdes i "
        "Oslo rådhus.",
        "Hvilken dato finner prisutdelingen av fredsprisen sted?",
        "10. desember",
    ),
    (
        "skrik",
        "Edvard Munch malte flere versjoner av motivet Skrik, og den første malte versjonen er fra 1893. Bildet viser "
        "en skikkelse med hendene mot ansiktet foran en blodrød himmel over Oslofjorden. Munch skrev selv at han "
        "følte et stort uendelig skrik gå gjennom naturen. Det finnes to malte versjoner, to pastellversjoner og en "
        "rekke litografier. Et av bildene ble stjålet fra Munchmuseet i 2004 og kom tilbake to år senere. I dag kan "
        "man se versjonene i Nasjonalmuseet og i museet MUNCH i Bjørvika.",
        "Hvilket år ble et av bildene stjålet fra Munchmuseet?",
        "2004",
    ),
    (
        "dukkehjem",
        "Henrik Ibsens skuespill Et dukkehjem hadde urpremiere på Det Kongelige Teater i København i 1879. Stykket "
        "handler om Nora Helmer, som har lånt penger i hemmelighet for å redde livet til mannen sin, Torvald. Når "
        "sannheten kommer fram, forstår Nora at hun har levd som en dukke i sitt eget hjem. Slutten, der hun forlater "
        "mann og barn og smeller igjen døren, vakte stor oppsikt. Stykket er et av de mest spilte i verden.",
        "Hva heter mannen til Nora i Et dukkehjem?",
        "Torvald",
    ),
    (
        "haakon",
        "Etter at unionen med Sverige ble oppløst i 1905, måtte Norge finne en ny konge. Valget falt på den danske "
        "prinsen Carl, men han ville først ha en folkeavstemning om monarkiet. I november 1905 stemte et klart flertall "
        "for kongedømme, og Stortinget valgte ham til konge. Han tok navnet Haakon VII og kom til Kristiania med sin "
        "kone Maud og sønnen Alexander, som fikk navnet Olav. Kongen ble kronet i Nidarosdomen i 1906.",
        "Hva het prins Carl da han ble konge av Norge?",
        "Haakon VII",
    ),
    (
        "eidsvoll",
        "Våren 1814 samlet 112 valgte menn seg på Eidsvoll for å gi Norge en ny grunnlov. Bakgrunnen var at Danmark "
        "hadde måttet avstå Norge til Sverige etter Kieltraktaten. Riksforsamlingen arbeidet i Eidsvollsbygningen, "
        "og grunnloven ble vedtatt 16. mai og datert 17. mai. Den bygget på ideer om folkesuverenitet og maktfordeling. "
        "Samme høst ble Norge likevel tvunget inn i en union med Sverige, men grunnloven ble stort sett beholdt.",
        "Hvor mange valgte menn samlet seg på Eidsvoll i 1814?",
        "112",
    ),
    (
        "svartedauden",
        "Svartedauden kom til Norge med et skip som la til i Bergen sommeren 1349. Pesten spredte seg raskt langs "
        "kysten og innover i landet. Historikere mener at mellom en tredjedel og halvparten av befolkningen døde. "
        "Mange gårder ble liggende øde i generasjoner, og skatteinntektene til kongen og kirken falt kraftig. "
        "Sykdommen skyldtes bakterien Yersinia pestis, som spres via lopper som lever på rotter, og i noen tilfeller "
        "smittet den også direkte mellom mennesker.",
        "Hvilken by kom svartedauden først til i Norge?",
        "Bergen",
    ),
    (
        "stiklestad",
        "Slaget på Stiklestad sto 29. juli 1030 i Verdal i Trøndelag. Kong Olav Haraldsson hadde vært i eksil i "
        "Russland og kom tilbake for å ta makten igjen, men han møtte en bondehær ledet av stormenn som var imot ham. "
        "Olav falt i slaget. Like etter begynte det å gå rykter om mirakler knyttet til kongen, og han ble snart "
        "dyrket som helgen. Olsok, 29. juli, markeres fremdeles med spel og gudstjenester på Stiklestad.",
        "Hvor var kong Olav Haraldsson i eksil før slaget?",
        "Russland",
    ),
    (
        "laerdalstunnelen",
        "Lærdalstunnelen mellom Lærdal og Aurland er 24,5 kilometer lang og var verdens lengste veitunnel da den "
        "åpnet i 2000. For å gjøre kjøreturen mindre ensformig har tunnelen tre store fjellhaller med blått og gult "
        "lys som skal minne om soloppgang. Hallene ligger med omtrent seks kilometers mellomrom. Tunnelen har et "
        "eget renseanlegg for luft, og den er en del av hovedveien mellom Oslo og Bergen. Før tunnelen åpnet, måtte mange kjøre over fjellet.",
        "Hvor mange fjellhaller har Lærdalstunnelen?",
        "tre",
    ),
    (
        "havorn",
        "Havørna er Norges største rovfugl og kan få et vingespenn på opptil 2,5 meter. Den lever for det meste langs "
        "kysten og spiser fisk, sjøfugl og åtsler. Tidligere ble havørna jaktet fordi folk mente den tok lam, og "
        "bestanden ble kraftig redusert. Etter at arten ble fredet i 1968, har bestanden tatt seg godt opp. Norge "
        "har i dag en stor del av Europas havørner, og de store reirene, som kan brukes i mange tiår, bygges ofte på "
        "hyller i bratte berg.",
        "Hvilket år ble havørna fredet i Norge?",
        "1968",
    ),
    (
        "villaks",
        "Den atlantiske villaksen gyter i elver, men tilbringer det meste av livet i havet. Ungfisken lever først i "
        "elva i to til fire år før den vandrer ut som smolt. Etter ett eller flere år i Nord-Atlanteren vender laksen "
        "tilbake til den samme elva den ble født i for å gyte. Lakselus, rømt oppdrettsfisk og parasitten "
        "Gyrodactylus salaris er blant de største truslene mot bestanden. Norge har et særlig ansvar fordi en stor "
        "del av verdens villaks gyter i norske elver.",
        "Hva kalles ungfisken når den vandrer ut i havet?",
        "smolt",
    ),
    (
        "dugnad",
        "Dugnad er frivillig og ulønnet arbeid som gjøres i fellesskap for å løse en oppgave for et borettslag, en "
        "idrettsklubb, en skole eller et nabolag. Ordet kommer fra norrønt og har med hjelp og godhet å gjøre. En "
        "typisk vårdugnad i et borettslag kan bestå av å rake plen, male benker og rydde boder, og det avsluttes ofte "
        "med pølser og kaffe. I 2004 ble dugnad kåret til Norges nasjonalord i et TV-program på NRK. Mange mener "
        "dugnadsånden er en viktig del av norsk kultur.",
        "Hvilket år ble dugnad kåret til Norges nasjonalord?",
        "2004",
    ),
    (
        "trollstigen",
        "Trollstigen er en bratt fjellvei mellom Åndalsnes og Valldal i Møre og Romsdal. Veien har elleve hårnålssvinger "
        "og en stigning på rundt ti prosent. Den ble åpnet i 1936 etter åtte års arbeid. Midt i bakkene krysser veien "
        "Stigfossen, som faller rundt 320 meter ned fjellsiden. Veien er stengt om vinteren og åpner vanligvis i "
        "slutten av mai. På toppen ligger et utsiktspunkt med plattformer som henger ut over stupet.",
        "Hvor mange hårnålssvinger har Trollstigen?",
        "elleve",
    ),
]

# (slug, lang, question, choices, answer)
MCQ = [
    (
        "mcq_hovudstad_island",
        "nn",
        "Kva er hovudstaden på Island?",
        ["Tórshavn", "Reykjavík", "Nuuk", "Akureyri"],
        "B",
    ),
    ("mcq_lengste_elv", "nb", "Hva er Norges lengste elv?", ["Numedalslågen", "Glomma", "Tana", "Otra"], "B"),
    (
        "mcq_nasjonaldag_sverige",
        "nb",
        "Hvilken dato er Sveriges nasjonaldag?",
        ["17. mai", "6. juni", "5. juni", "24. juni"],
        "B",
    ),
    (
        "mcq_vinje",
        "nn",
        "Kven skreiv diktsamlinga «Ferdaminni fraa Sumaren 1860»?",
        ["Ivar Aasen", "Aasmund Olavsson Vinje", "Arne Garborg", "Olav H. Hauge"],
        "B",
    ),
    ("mcq_fylke_alta", "nn", "I kva fylke ligg Alta?", ["Troms", "Nordland", "Finnmark", "Trøndelag"], "C"),
    (
        "mcq_edelgass",
        "nb",
        "Hvilket av disse grunnstoffene er en edelgass?",
        ["Nitrogen", "Klor", "Argon", "Hydrogen"],
        "C",
    ),
    (
        "mcq_planet_ringar",
        "nn",
        "Kva planet er mest kjend for dei store ringane sine?",
        ["Mars", "Jupiter", "Venus", "Saturn"],
        "D",
    ),
    (
        "mcq_ol_lillehammer",
        "nb",
        "Hvilket år arrangerte Lillehammer vinter-OL?",
        ["1988", "1992", "1994", "1998"],
        "C",
    ),
    (
        "mcq_aasen",
        "nn",
        "Kva for ein språkforskar la grunnlaget for nynorsken?",
        ["Knud Knudsen", "Ivar Aasen", "Marius Nygaard", "Halvdan Koht"],
        "B",
    ),
    (
        "mcq_hjarte_kamre",
        "nn",
        "Kor mange kammer har hjartet til eit menneske?",
        ["To", "Tre", "Fire", "Seks"],
        "C",
    ),
    (
        "mcq_peer_gynt_musikk",
        "nb",
        "Hvem skrev musikken til Ibsens «Peer Gynt»?",
        ["Johan Halvorsen", "Ole Bull", "Edvard Grieg", "Christian Sinding"],
        "C",
    ),
    (
        "mcq_storste_kommune",
        "nb",
        "Hvilken kommune er Norges største i areal?",
        ["Kautokeino", "Vinje", "Lesja", "Bardu"],
        "A",
    ),
    (
        "mcq_myntenhet_danmark",
        "nn",
        "Kva heiter myntenheita i Danmark?",
        ["Euro", "Krone", "Mark", "Gylden"],
        "B",
    ),
    (
        "mcq_kokepunkt_vatn",
        "nb",
        "Hva er kokepunktet til vann ved havnivå, målt i grader celsius?",
        ["90", "95", "100", "110"],
        "C",
    ),
    (
        "mcq_galdhopiggen",
        "nn",
        "Kva er det høgaste fjellet i Noreg?",
        ["Glittertind", "Snøhetta", "Galdhøpiggen", "Store Skagastølstind"],
        "C",
    ),
    (
        "mcq_fotosyntese_gass",
        "nb",
        "Hvilken gass tar plantene opp fra lufta under fotosyntesen?",
        ["Oksygen", "Karbondioksid", "Nitrogen", "Metan"],
        "B",
    ),
    (
        "mcq_kvitebjorn",
        "nn",
        "Kvar lever isbjørnen naturleg i Noreg?",
        ["På Hardangervidda", "På Svalbard", "I Finnmarksvidda", "På Jæren"],
        "B",
    ),
    (
        "mcq_union_danmark",
        "nb",
        "Hvilket år ble unionen mellom Danmark og Norge oppløst?",
        ["1536", "1814", "1905", "1945"],
        "B",
    ),
    (
        "mcq_trekant_vinkel",
        "nn",
        "Kor mange grader er summen av vinklane i ein trekant?",
        ["90", "180", "270", "360"],
        "B",
    ),
    (
        "mcq_sjakk_carlsen",
        "nb",
        "Hvilken sport er Magnus Carlsen kjent for?",
        ["Skiskyting", "Sjakk", "Golf", "Tennis"],
        "B",
    ),
    (
        "mcq_norsk_nobel_litt",
        "nn",
        "Kva for ein norsk forfattar fekk Nobelprisen i litteratur i 2023?",
        ["Karl Ove Knausgård", "Jon Fosse", "Dag Solstad", "Lars Saabye Christensen"],
        "B",
    ),
    (
        "mcq_blodtype",
        "nb",
        "Hvilken blodtype kalles ofte «universell giver»?",
        ["AB positiv", "A negativ", "0 negativ", "B positiv"],
        "C",
    ),
    (
        "mcq_tog_vossebanen",
        "nn",
        "Kva for ein by er endestasjon for Bergensbanen i vest?",
        ["Stavanger", "Ålesund", "Bergen", "Haugesund"],
        "C",
    ),
    ("mcq_kjemi_symbol_gull", "nb", "Hva er det kjemiske symbolet for gull?", ["Go", "Gd", "Au", "Ag"], "C"),
    (
        "mcq_reinsdyr",
        "nn",
        "Kva for eit folk i Noreg har tradisjonelt drive med reindrift?",
        ["Kvenane", "Samane", "Romanifolket", "Skogfinnane"],
        "B",
    ),
    (
        "mcq_fjell_stein",
        "nb",
        "Hvilket metall er hovedbestanddelen i stål?",
        ["Kobber", "Jern", "Aluminium", "Sink"],
        "B",
    ),
    (
        "mcq_storting_seter",
        "nb",
        "Hvor mange representanter sitter på Stortinget?",
        ["150", "165", "169", "179"],
        "C",
    ),
    ("mcq_mjolk_ku", "nn", "Kor mange magar (magerom) har ei ku?", ["Ein", "To", "Tre", "Fire"], "D"),
    (
        "mcq_forste_kvinne_pm",
        "nb",
        "Hvem var Norges første kvinnelige statsminister?",
        ["Erna Solberg", "Gro Harlem Brundtland", "Kirsti Kolle Grøndahl", "Siv Jensen"],
        "B",
    ),
    (
        "mcq_ljos_fart",
        "nn",
        "Om lag kor fort går ljoset i tomt rom?",
        ["300 km/s", "3 000 km/s", "300 000 km/s", "3 000 000 km/s"],
        "C",
    ),
    (
        "mcq_landsdel_lofoten",
        "nb",
        "I hvilket fylke ligger Lofoten?",
        ["Troms", "Nordland", "Trøndelag", "Finnmark"],
        "B",
    ),
    ("mcq_pi", "nn", "Kva er dei tre første sifra i talet pi?", ["3,12", "3,14", "3,16", "3,41"], "B"),
    (
        "mcq_vm_fotball_kvinner",
        "nb",
        "Hvilket år vant Norges kvinnelandslag i fotball VM?",
        ["1991", "1995", "1999", "2003"],
        "B",
    ),
    (
        "mcq_fjordhest",
        "nn",
        "Kva for ein hesterase er kjend for lys, blakk farge og ein mørk stripe i manen?",
        ["Dølahest", "Fjordhest", "Nordlandshest", "Islandshest"],
        "B",
    ),
    (
        "mcq_regjering_sete",
        "nb",
        "Hva heter bygningen der Stortinget holder til?",
        ["Slottet", "Stortingsbygningen", "Rådhuset", "Akershus festning"],
        "B",
    ),
    (
        "mcq_vintersolkverv",
        "nn",
        "Kva dato er det vanlegvis vintersolkverv på den nordlege halvkula?",
        ["1. desember", "13. desember", "21. desember", "31. desember"],
        "C",
    ),
    (
        "mcq_tromso_bru",
        "nb",
        "Hva kalles den karakteristiske kirken i Tromsø med trekantet fasade?",
        ["Ishavskatedralen", "Nordlyskatedralen", "Domkirken", "Polarkirken"],
        "A",
    ),
    (
        "mcq_pattedyr_hval",
        "nn",
        "Kva for eit av desse dyra er eit pattedyr?",
        ["Hai", "Torsk", "Spekkhoggar", "Makrell"],
        "C",
    ),
    (
        "mcq_grunnlov_dag",
        "nb",
        "Hvilken dag feires Grunnlovsdagen i Norge?",
        ["8. mai", "17. mai", "7. juni", "29. juli"],
        "B",
    ),
    (
        "mcq_maal_lov",
        "nn",
        "Kva heiter lova frå 2021 som regulerer bruken av norsk språk i offentleg sektor?",
        ["Mållova", "Språklova", "Offentleglova", "Kulturlova"],
        "B",
    ),
]
