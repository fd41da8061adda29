"""Hand-written Nynorsk question/answer seeds (written for norcurate, Apache-2.0)."""

QA_NN = [
    # historie
    (
        "Kven var Snorre Sturlason?",
        "Snorre Sturlason var ein islandsk høvding, lovkunnig og forfattar som levde frå 1179 til 1241. Han skreiv "
        "Heimskringla, som er sogene om dei norske kongane fram til 1177. Utan verka hans ville vi visst mykje mindre "
        "om norsk mellomalder.",
    ),
    (
        "Kva var reformasjonen i Noreg?",
        "Reformasjonen vart innført i Noreg i 1537 etter vedtak frå den danske kongen. Den katolske kyrkja miste "
        "jordegodset og makta si, og den lutherske læra vart statsreligion. Samstundes miste Noreg mykje av "
        "sjølvstendet sitt i unionen med Danmark.",
    ),
    (
        "Kvifor var Kalmarunionen viktig?",
        "Kalmarunionen samla Danmark, Noreg og Sverige under éin konge frå 1397. Dronning Margrete stod bak samlinga, "
        "og målet var mellom anna å stå sterkare mot dei tyske hansabyane. Sverige braut ut av unionen i 1523.",
    ),
    (
        "Kva var likestillingslova frå 1978?",
        "Likestillingslova frå 1978 skulle sikre at kvinner og menn fekk like rettar i arbeidsliv og utdanning. Lova "
        "oppretta òg eit eige ombod som skulle passe på at ho vart følgd. I dag er reglane samla i likestillings- og "
        "diskrimineringslova.",
    ),
    (
        "Korleis levde folk på ein fjellgard før i tida?",
        "På ein fjellgard var arbeidsåret styrt av årstidene. Om sommaren budde gjerne kvinnene på stølen med dyra, "
        "medan resten av familien slo gras heime. Vinteren gjekk med til å stelle dyra, hogge ved og lage reiskapar.",
    ),
    (
        "Kven var Aasmund Olavsson Vinje?",
        "Aasmund Olavsson Vinje var ein diktar og journalist frå Vinje i Telemark. Han skreiv på landsmål og starta "
        "bladet Dølen i 1858. Dikta hans, mellom anna «Ved Rundarne», er framleis mykje brukte og sungne.",
    ),
    (
        "Kva skjedde under unionsoppløysinga i 1905?",
        "Stortinget vedtok 7. juni 1905 at unionen med Sverige var oppløyst, fordi kongen ikkje kunne skipe ei ny "
        "regjering. Ei folkerøysting i august viste at nesten alle som røysta, var for oppløysing. Etter forhandlingar "
        "i Karlstad godtok Sverige at Noreg vart sjølvstendig.",
    ),
    (
        "Kva var stavnsbandet, og galdt det i Noreg?",
        "Stavnsbandet var ei ordning i Danmark som batt bondegutar til den garden dei var fødde på. Ordninga galdt "
        "ikkje i Noreg, der bøndene hadde større fridom og mange eigde sjølve garden sin. Skilnaden er ein grunn til "
        "at den norske bondestanden stod relativt sterkt.",
    ),
    # geografi
    (
        "Kva er særmerkt for Jæren?",
        "Jæren er eit flatt og frodig landskap sør for Stavanger. Her er det mykje jordbruk, og steingardane som "
        "skil åkrane, er kjende. Langs kysten finst lange sandstrender, og det kan blåse hardt frå havet.",
    ),
    (
        "Kvifor er det så mykje nedbør på Vestlandet?",
        "Fuktig luft frå Atlanterhavet møter fjella langs kysten og vert pressa oppover. Når lufta stig, vert ho "
        "avkjølt, og vassdampen kondenserer til skyer og regn. Difor får byar som Bergen mykje meir nedbør enn "
        "Austlandet, som ligg i regnskuggen.",
    ),
    (
        "Kva er ei morene?",
        "Ei morene er ein haug eller rygg av stein, grus og sand som ein isbre har skuva fram eller lagt att. Mange "
        "morenar i Noreg vart danna då isen smelta etter siste istid. Dei kan demme opp innsjøar og er ofte gode "
        "stader å finne grus.",
    ),
    (
        "Fortel litt om Ålesund.",
        "Ålesund ligg ytst på Sunnmøre og er ein viktig fiskeri- og hamneby. Etter brannen i 1904 vart mesteparten "
        "av sentrum bygd opp att i jugendstil. Byen har difor ein særmerkt arkitektur som trekkjer mange turistar.",
    ),
    (
        "Kva er ein fjord, og korleis skil han seg frå ein vik?",
        "Ein fjord er ein lang og ofte djup havarm som skjer seg inn i landet, gjerne mellom bratte fjell. Dei fleste "
        "fjordar er forma av isbrear. Ein vik er mindre og grunnare, og han er ikkje nødvendigvis laga av is.",
    ),
    (
        "Kvar ligg Lofoten?",
        "Lofoten er ei øygruppe i Nordland, vest for fastlandet og nord for polarsirkelen. Øyane har spisse fjell som "
        "stig rett opp av havet. Området er kjent for skreifisket om vinteren og for fiskeværa med raude rorbuer.",
    ),
    (
        "Kva er permafrost?",
        "Permafrost er jord eller berg som held seg frosen heile året i minst to år på rad. I Noreg finst det "
        "permafrost på Svalbard og i høgfjellet. Når klimaet vert varmare, kan permafrosten tine, og då kan bakken "
        "sige og bygningar få skadar.",
    ),
    (
        "Kvifor er Noreg så langt og smalt?",
        "Landet følgjer kysten langs Atlanterhavet og Skandinavia-fjella i nesten 1 800 kilometer i luftlinje. I aust "
        "vart grensene fastsette mot nabolanda gjennom avtalar over fleire hundre år. Somme stader i Nordland er det "
        "berre nokre få mil frå havet til svenskegrensa.",
    ),
    # mat
    (
        "Korleis lagar eg raspeballar?",
        "Riv rå potet fint og bland med litt kokt potet, salt og byggmjøl til ei fast deig. Form store ballar med våte "
        "hender, gjerne med eit stykke salt kjøt inni. Kok dei i kraft på svak varme i omtrent ein time.",
    ),
    (
        "Kva er klippfisk?",
        "Klippfisk er torsk eller sei som er salta og deretter tørka. Før i tida vart fisken lagd ut på svaberg, "
        "klipper, for å tørke, og det er derfor han har fått namnet. Han er mykje eksportert til Portugal, Spania og "
        "Brasil, der han heiter bacalao eller bacalhau.",
    ),
    (
        "Gje meg eit tips til ein rask middag på ein kvardag.",
        "Steik oppskoren kyllingfilet i panna saman med paprika, løk og litt hakka hvitlauk. Tilset ein boks "
        "kokosmjølk og ein skvett soyasaus, og la det småkoke i nokre minutt. Server med ris eller nudlar, så har du "
        "middag på under tjue minutt.",
    ),
    (
        "Korleis baker eg lefser?",
        "Bland kokte og mosa poteter med mjøl, litt smør og salt til ei smidig deig. Del deigen i små emne og kjevl "
        "dei tynne på eit mjøla bord. Stek lefsene på ei tørr og varm takke til dei får brune flekker på begge sider.",
    ),
    (
        "Kva er smalahove?",
        "Smalahove er eit saueshovud som vert svidd, salta, gjerne røykt og deretter kokt. Retten er tradisjonsmat "
        "frå Voss og andre stader på Vestlandet. Han vert ofte servert med kålrabistappe og poteter.",
    ),
    (
        "Korleis kan eg lage ein god grøt av havregryn?",
        "Ha ein del havregryn og to delar vatn eller mjølk i ei kjele, og tilset ei klype salt. Kok opp under omrøring "
        "og la grøten trekkje på svak varme i nokre minutt. Topp han med bær, nøtter eller litt kanel.",
    ),
    (
        "Kvifor skal ein skylje ris før koking?",
        "Når du skyljer risen, fjernar du stivelse som ligg på overflata av korna. Då vert risen mindre klissen og "
        "korna held seg meir frå kvarandre. For risotto og grøt vil ein derimot ha stivelsen, så der skal ein ikkje "
        "skylje.",
    ),
    # vitskap
    (
        "Kvifor flyt is på vatn?",
        "Når vatn frys, ordnar molekyla seg i eit gitter med meir tomrom enn i flytande vatn. Is har difor lågare "
        "tettleik enn vatn, og han flyt opp. Det er viktig for livet i innsjøar, fordi isen legg seg som eit lokk "
        "og vatnet under ikkje frys.",
    ),
    (
        "Kva er skilnaden på masse og vekt?",
        "Masse er kor mykje stoff ein ting inneheld, og han vert målt i kilogram. Vekt, eller tyngd, er krafta "
        "tyngdekrafta verkar på tingen med. På månen har du same masse som på jorda, men du er mykje lettare.",
    ),
    (
        "Korleis verkar eit kompass?",
        "Nåla i eit kompass er ein liten magnet som kan snu seg fritt. Ho rettar seg etter magnetfeltet til jorda og "
        "peikar mot den magnetiske nordpolen. Den magnetiske polen ligg ikkje heilt på same stad som den geografiske, "
        "så kart har ofte ei misvisingsline.",
    ),
    (
        "Kva er ein galakse?",
        "Ein galakse er ei enorm samling av stjerner, gass, støv og mørk materie som vert halden saman av "
        "tyngdekrafta. Vår eiga galakse heiter Mjølkevegen og inneheld fleire hundre milliardar stjerner. Det finst "
        "truleg meir enn hundre milliardar galaksar i universet.",
    ),
    (
        "Kvifor ser vi alltid same sida av månen?",
        "Månen brukar like lang tid på å snu seg ein gong rundt seg sjølv som på å gå ein gong rundt jorda. Dette "
        "kallast bunden rotasjon og kjem av tidvasskreftene mellom jorda og månen. Difor vender han alltid den same "
        "sida mot oss.",
    ),
    (
        "Kva er syrer og basar?",
        "Syrer er stoff som gjev frå seg hydrogenion i vatn, som sitronsyre og saltsyre. Basar tek opp hydrogenion, "
        "som natronlut og ammoniakk. Surleiken vert målt med pH-skalaen, der 7 er nøytralt, lågare tal er surt og "
        "høgare tal er basisk.",
    ),
    (
        "Korleis vert det danna regnboge?",
        "Ein regnboge oppstår når sollys går inn i regndropar, vert bøygd og reflektert inne i dropen og så bøygd att "
        "på veg ut. Ulike fargar vert bøygde litt ulikt, og difor vert lyset delt opp. Du ser regnbogen når sola er "
        "bak deg og regnet framfor deg.",
    ),
    (
        "Kva er ein vulkan?",
        "Ein vulkan er ei opning i jordskorpa der smelta stein, gass og oske kan kome opp frå djupet. Dei fleste "
        "vulkanar ligg der jordskorpeplatene møtest eller glir frå kvarandre. Island har mange aktive vulkanar fordi "
        "øya ligg på den midtatlantiske ryggen.",
    ),
    (
        "Kvifor er havet salt?",
        "Regnvatn løyser opp små mengder salt og mineral frå berg og jord, og elvane fører dei ut i havet. Når vatnet "
        "fordampar frå havet, vert saltet verande att. Over millionar av år har saltinnhaldet difor bygd seg opp.",
    ),
    # helse
    (
        "Kva bør eg gjere dersom eg får ein flis i fingeren?",
        "Vask huda godt med såpe og vatn først. Bruk ei rein pinsett og dra flisa ut i same retning som ho gjekk inn. "
        "Dersom flisa sit djupt, eller om såret vert raudt og hovent etter nokre dagar, bør du kontakte lege.",
    ),
    (
        "Korleis kan eg minske stress i kvardagen?",
        "Prøv å leggje inn korte pausar i løpet av dagen, og kom deg gjerne ut i frisk luft. Fysisk aktivitet og god "
        "søvn hjelper mykje. Det kan òg vere lurt å snakke med nokon du stolar på om det som tyngjer.",
    ),
    (
        "Kvifor er det lurt å ete grovt brød?",
        "Grovt brød inneheld meir fiber, vitamin og mineral enn fint brød. Fiberen gjev jamnare blodsukker, så du "
        "held deg mett lenger. Sjå etter Brødskala-merket; fire fjerdedelar tyder at brødet er ekstra grovt.",
    ),
    (
        "Kva er teikn på at ein er dehydrert?",
        "Typiske teikn er tørste, tørr munn, mørk urin og hovudverk. Ein kan òg kjenne seg svimmel og slapp. Eldre "
        "menneske og små born merkar ikkje alltid tørsten, så dei bør få tilbod om drikke jamleg.",
    ),
    (
        "Korleis kan eg hjelpe ein som har sett noko i halsen?",
        "Be personen hoste kraftig dersom han eller ho framleis kan puste og snakke. Hjelper ikkje det, gjev du opp "
        "til fem kraftige slag mellom skulderblada. Deretter kan du prøve magetrykk, og ring 113 dersom personen ikkje "
        "får luft.",
    ),
    (
        "Er det farleg å sitje mykje i ro?",
        "Mykje stillesitjing over tid aukar risikoen for mellom anna hjarte- og karsjukdom og diabetes type 2. Det "
        "hjelper å bryte opp sitjinga med korte pausar der du reiser deg og går litt. Helsestyresmaktene tilrår minst "
        "150 minutt moderat aktivitet i veka for vaksne.",
    ),
    # jus
    (
        "Kva er husleigelova?",
        "Husleigelova regulerer forholdet mellom utleigar og leigetakar når ein leiger bustad. Ho seier mellom anna "
        "kor stort depositum utleigar kan krevje, og korleis leigeavtalar kan seiast opp. Mange av reglane kan ikkje "
        "fråvikast til skade for leigetakaren.",
    ),
    (
        "Kor lenge må eg ta vare på kvitteringar?",
        "Det er lurt å ta vare på kvitteringa så lenge reklamasjonsfristen varer. For ting som er meinte å vare lenge, "
        "som kvitevarer, er fristen fem år, elles to år. Ein kan gjerne ta bilete av kvitteringa, sidan blekket på "
        "papiret kan blekne.",
    ),
    (
        "Kva er offentleglova?",
        "Offentleglova gjev alle rett til innsyn i saksdokument hjå stat, fylke og kommune. Hovudregelen er at "
        "dokumenta er opne, med mindre det finst ein heimel for å unnta dei. Lova skal styrkje tilliten til "
        "forvaltninga og gjere det lettare å kontrollere makta.",
    ),
    (
        "Kva er skilnaden på straffesak og sivil sak?",
        "I ei straffesak er det påtalemakta som tek ut tiltale mot nokon for eit lovbrot, og resultatet kan vere straff. "
        "I ei sivil sak er det to partar som er usamde, til dømes om pengar eller eit kjøp. Domstolane handsamar "
        "begge typane saker.",
    ),
    (
        "Treng eg løyve for å byggje ein terrasse?",
        "Ein terrasse som ligg lågt, under 0,5 meter over terrenget, kan som regel byggjast utan søknad. Han må likevel "
        "følgje kommuneplanen og ha god nok avstand til nabogrensa. Er du usikker, bør du kontakte kommunen før du "
        "startar.",
    ),
    # sport
    (
        "Kva er telemarksvinging?",
        "Telemarksvinging er ein skiteknikk der hælen er laus, og skiløparen set eine kneet ned i kvar sving. Teknikken "
        "har namn etter Telemark, der Sondre Norheim gjorde han kjend på 1800-talet. I dag er telemark både ei "
        "konkurranseform og ein populær måte å køyre alpint på.",
    ),
    (
        "Korleis kjem eg i gang med orientering?",
        "Ta kontakt med ein lokal orienteringsklubb; dei fleste har nybyrjarkurs og enkle løyper. Start med å lære å "
        "halde kartet rett veg og kjenne att teikn som stiar, myrar og høgdekurver. Turorientering er òg ein fin måte "
        "å bli kjend med kart og kompass på.",
    ),
    (
        "Kva er reglane for ein kamp i bandy?",
        "Bandy vert spela på ein stor isbane med ein liten ball og kølle. Kvart lag har elleve spelarar, og ein kamp "
        "varer normalt i to omgangar på 45 minutt. Spelarane kan ikkje bruke kroppen til å takle slik som i ishockey.",
    ),
    (
        "Kvifor er det lurt å varme opp før trening?",
        "Oppvarming aukar pulsen og temperaturen i musklane, slik at dei vert meir smidige. Det kan redusere faren for "
        "skadar og gjere at du presterer betre. Ti minutt med roleg jogging og nokre rørsler som liknar sjølve "
        "aktiviteten er ofte nok.",
    ),
    (
        "Kva er Birkebeinerrennet?",
        "Birkebeinerrennet er eit turrenn på ski frå Rena til Lillehammer på om lag 54 kilometer. Deltakarane ber ein "
        "sekk på minst 3,5 kilo til minne om birkebeinarane som bar kongsemnet Håkon Håkonsson over fjellet i 1206. "
        "Rennet samlar kvart år mange tusen løparar.",
    ),
    # natur
    (
        "Kva et reven?",
        "Raudreven er altetande og tek smågnagarar, fugl, egg og insekt. Han et òg bær og matavfall når han finn det. "
        "Om vinteren kan han høyre musene under snøen og stupe ned for å fange dei.",
    ),
    (
        "Kvifor trekkjer fuglane sørover om hausten?",
        "Mange fuglar trekkjer fordi det vert for lite mat her om vinteren, til dømes insekt. I sør finn dei føde og "
        "mildare vêr, og om våren kjem dei attende for å hekke når dagane vert lange. Fuglane orienterer seg etter "
        "sola, stjernene og magnetfeltet til jorda.",
    ),
    (
        "Kva er ei myr?",
        "Ei myr er eit våtmarksområde der plantematerialet ikkje vert heilt nedbrote, slik at det vert danna torv. Myrar "
        "lagrar store mengder karbon og er viktige for klimaet. Dei held òg på vatn og kan dempe flaumar.",
    ),
    (
        "Korleis kjenner eg att ein kantarell?",
        "Kantarellen er eggeplommegul og har ribber under hatten i staden for skiver. Ribbene går ned på stilken, og "
        "soppen luktar svakt av aprikos. Ver merksam på at han kan forvekslast med andre sopp, så ta han gjerne med "
        "til soppkontroll.",
    ),
    (
        "Kva gjer meitemakken i jorda?",
        "Meitemakken et daude plantedelar og blandar dei med jord når han grev gangar. Gangane slepper luft og vatn ned "
        "i jorda, og ekskrementa gjer jorda meir næringsrik. Difor er mange meitemakkar eit godt teikn i ein hage.",
    ),
    (
        "Kvifor er villreinen sårbar?",
        "Villreinen treng store, samanhengande fjellområde, og vegar, hytter og kraftliner kan dele opp leveområda. "
        "Noreg har eit særleg ansvar fordi vi har dei siste ville fjellreinstammene i Europa. Sjukdommen skrantesjuke "
        "har òg ført til at heile flokkar har vorte tekne ut.",
    ),
    # teknologi
    (
        "Kva er kunstig intelligens?",
        "Kunstig intelligens er datasystem som kan løyse oppgåver som vi vanlegvis tenkjer krev menneskeleg tenking, "
        "som å kjenne att bilete eller forstå språk. Mange slike system lærer mønster frå store datamengder. Dei kan "
        "vere svært nyttige, men dei kan òg gjere feil og må brukast med omtanke.",
    ),
    (
        "Korleis kan eg ta tryggleikskopi av bileta mine?",
        "Ein god regel er å ha minst tre kopiar, på to ulike medium, og éin av dei på ein annan stad. Du kan til dømes "
        "ha bileta på mobilen, på ein ekstern disk og i ei skyteneste. Sjekk av og til at kopiane faktisk fungerer.",
    ),
    (
        "Kva er ein IP-adresse?",
        "Ei IP-adresse er eit nummer som identifiserer ei eining på eit nettverk, omtrent som ei postadresse. Ho gjer "
        "at datapakkar finn fram til rett maskin på internett. Dei fleste heimenettverk deler éi offentleg adresse "
        "mellom alle einingane i huset.",
    ),
    (
        "Kvifor går batteriet på mobilen fortare tom i kulde?",
        "Kjemiske reaksjonar i batteriet går seinare når det er kaldt, og då kan batteriet levere mindre straum. "
        "Telefonen kan difor slå seg av sjølv om det står at det er straum att. Hald mobilen i ei innerlomme når du "
        "er ute på vinterstid.",
    ),
    (
        "Kva er open kjeldekode?",
        "Open kjeldekode tyder at koden til eit program er tilgjengeleg for alle, og at lisensen lèt folk bruke, endre "
        "og dele han. Kjende døme er operativsystemet Linux og nettlesaren Firefox. Mange utviklarar over heile "
        "verda kan då bidra til å forbetre programmet.",
    ),
    # kultur
    (
        "Kva er eit stev?",
        "Eit stev er ei kort vise, oftast på fire liner, som vert sunge eller kveda. Stevet er ein gamal folkediktform "
        "i Noreg, og ofte var det humor eller erting med i teksten. Det finst òg stevleik der to syngjer stev mot "
        "kvarandre.",
    ),
    (
        "Kvifor heiter det nynorsk og bokmål?",
        "Dei to skriftspråka fekk namna sine i 1929 då Stortinget vedtok å byte ut namna landsmål og riksmål. Nynorsk "
        "byggjer på dialektane, slik Ivar Aasen samla dei inn. Bokmål utvikla seg frå dansk skriftspråk, gradvis "
        "fornorska.",
    ),
    (
        "Kva er rosemåling?",
        "Rosemåling er ein dekorativ målarkunst med stiliserte blomar og ranker. Han var vanleg i bygdene frå midten "
        "av 1700-talet og vart brukt på kister, skap, ølbollar og veggar. Det finst ulike regionale stilar, som "
        "hallingmåling og telemarksmåling.",
    ),
    (
        "Kven var Olav H. Hauge?",
        "Olav H. Hauge var ein lyrikar og fruktbonde frå Ulvik i Hardanger. Han skreiv korte, klåre dikt på nynorsk, "
        "og «Det er den draumen» er blant dei mest kjende. Han omsette òg mykje utanlandsk lyrikk til nynorsk.",
    ),
    (
        "Kva er kveding?",
        "Kveding er ein gamal måte å syngje på utan akkompagnement, gjerne med mykje ornamentikk. Det var vanleg å "
        "kvede viser, ballader og stev i arbeid og til lags. Tradisjonen lever i dag mellom anna gjennom "
        "folkemusikkappleik.",
    ),
    (
        "Kva er Dei nynorske festspela?",
        "Dei nynorske festspela er ein litteratur- og kulturfestival i Ørsta og Volda kvart år i juni. Festivalen "
        "vart skipa i 1999 og feirar nynorsk språk og kultur. Kvart år vert det kåra ein festspeldiktar.",
    ),
    # kvardagsråd
    (
        "Korleis kan eg få betre søvn?",
        "Prøv å leggje deg og stå opp til same tid kvar dag, også i helgane. Hald soverommet kjølig og mørkt, og legg "
        "vekk mobilen ei stund før du skal sove. Unngå kaffi seint på dagen.",
    ),
    (
        "Korleis tek eg vare på ei plante som heng med blada?",
        "Kjenn på jorda; er ho tørr, treng planta vatn, og er ho søkkvåt, har ho kanskje fått for mykje. Flytt planta "
        "bort frå trekk og direkte varme frå omnar. Mange planter kviknar til att etter eit par dagar med rett stell.",
    ),
    (
        "Korleis kan eg vere ein god nabo?",
        "Helse på folk du møter, og sei ifrå i god tid dersom du skal ha fest. Hjelp gjerne til med å måke snø eller "
        "ta inn post når naboen er bortreist. Små ting som dette gjer at det vert lettare å løyse usemje om det skulle "
        "oppstå.",
    ),
    (
        "Kva bør eg tenkje på når eg kjøper bruktbil?",
        "Be om å få sjå servicehefte og EU-kontrollrapport, og sjekk om bilen har heftelsar. Ta ein prøvetur på ulike "
        "vegar og lytt etter rare lydar. Det kan vere lurt å få ein mekanikar til å sjå over bilen før du kjøper.",
    ),
    (
        "Korleis får eg bort raudvinsflekkar frå duken?",
        "Handle raskt, og tørk opp så mykje som mogleg med papir utan å gni. Skyl flekken med kaldt vatn frå baksida. "
        "Deretter kan du vaske duken med flekkfjernar på så høg temperatur som stoffet toler.",
    ),
    (
        "Korleis kan eg spare pengar på matinnkjøp?",
        "Lag vekemeny og handleliste, og hald deg til lista. Samanlikn kilopris, ikkje berre prisen på pakken. Kjøp "
        "gjerne større mengder av tørrvarer når dei er på tilbod, og frys ned restar.",
    ),
    (
        "Korleis skriv eg eit godt søknadsbrev?",
        "Start med å fortelje kva stilling du søkjer og kvifor du er interessert. Vis med konkrete døme korleis "
        "erfaringa di passar til krava i utlysinga. Hald brevet kort, gjerne under éi side, og les korrektur før du "
        "sender det.",
    ),
    (
        "Korleis vel eg rett sykkelhjelm?",
        "Hjelmen skal sitje godt og ikkje gli bakover når du ristar på hovudet. Mål hovudomkrinsen og prøv fleire "
        "storleikar. Byt hjelmen etter eit fall eller når han vert gamal, sidan materialet kan verte svekt.",
    ),
    (
        "Kva kan eg gjere ein regnversdag med born?",
        "Bygg ei hole av puter og pleddar i stova, eller bak bollar saman. Ein tur ut i regnkle med sølepytthopping er "
        "òg stas. Biblioteket og symjehallen er gode innandørsalternativ.",
    ),
    (
        "Korleis kan eg få plantene på verandaen til å overleve ferien?",
        "Vatn godt rett før du reiser, og set pottene i skuggen så dei tørkar seinare ut. Du kan setje flasker med "
        "vatn opp ned i jorda, eller bruke vatningskegler. Det beste er likevel å spørje ein nabo om hjelp.",
    ),
    (
        "Korleis startar eg med kompostering heime?",
        "Skaff deg ein kompostbinge og legg eit lag med kvister i botnen for lufting. Bland grønt avfall, som "
        "grønsaksrestar, med brunt materiale, som lauv og papp. Rør i komposten av og til, og hald han fuktig som ein "
        "oppvridd svamp.",
    ),
    (
        "Korleis lærer eg meg å strikke?",
        "Start med tjukt garn og store pinnar, og lær deg rettstrikk og vrangstrikk. Eit skjerf eller ein enkel "
        "grytelapp er eit godt første prosjekt. Det finst mange gode videoar på nettet, men det er ofte kjekkast å "
        "lære av nokon som kan.",
    ),
    (
        "Kva bør eg gjere om eg går meg bort i skogen?",
        "Stopp opp, hald deg roleg og prøv å finne ut kvar du kom frå. Har du mobil, kan du ringje 112 og dele "
        "posisjonen din. Det er ofte lurare å bli verande på ein stad der du kan bli funnen enn å gå vidare i blinde.",
    ),
]
