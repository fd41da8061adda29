"""Hand-written Bokmål question/answer seeds (written for norcurate, Apache-2.0)."""

QA_NB = [
    # historie
    (
        "Hvem var Harald Hårfagre?",
        "Harald Hårfagre regnes tradisjonelt som den første kongen som samlet store deler av Norge til ett rike. "
        "Ifølge sagaene vant han slaget i Hafrsfjord en gang rundt år 872, men årstallet er usikkert. Mye av det vi "
        "vet om ham, kommer fra Snorre Sturlason, som skrev flere hundre år senere.",
    ),
    (
        "Hva var hanseatene, og hvorfor var de viktige for Norge?",
        "Hanseatene var tyske kjøpmenn som var organisert i et handelsforbund med sentrum i Lübeck. I middelalderen "
        "kontrollerte de mye av handelen i Nordsjøen og Østersjøen. I Norge kjøpte de særlig fisk og solgte korn, "
        "noe som gjorde kysten avhengig av dem i flere hundre år.",
    ),
    (
        "Hva skjedde 9. april 1940?",
        "Tidlig om morgenen 9. april 1940 angrep Tyskland Norge fra sjøen og lufta. Krysseren Blücher ble senket i "
        "Drøbaksundet, noe som ga kongen, regjeringen og Stortinget tid til å komme seg ut av Oslo. Norge ble "
        "okkupert fram til frigjøringen i mai 1945.",
    ),
    (
        "Fortell kort om vikingtiden.",
        "Vikingtiden regnes vanligvis fra omkring år 800 til rundt 1050. I denne perioden reiste folk fra Skandinavia "
        "på handel, plyndring og bosetting i store deler av Europa, og noen nådde helt til Nord-Amerika. Tiden er "
        "også preget av overgangen fra norrøn tro til kristendom.",
    ),
    (
        "Hvorfor kalles perioden 1537–1814 for dansketiden?",
        "I 1537 ble Norge i praksis innlemmet i det danske riket etter reformasjonen, og landet ble styrt fra "
        "København. Embetsmennene var ofte danske, og dansk ble skriftspråket i Norge. Perioden varte til 1814, "
        "da Danmark måtte avstå Norge etter Napoleonskrigene.",
    ),
    (
        "Hva var husmannsvesenet?",
        "En husmann leide et lite jordstykke av en bonde og betalte for det med arbeid på gården. Ordningen var "
        "vanlig i Norge på 1700- og 1800-tallet, og husmannsfamiliene levde ofte under trange kår. Mange av dem "
        "utvandret til Amerika da muligheten kom.",
    ),
    (
        "Hvorfor utvandret så mange nordmenn til Amerika på 1800-tallet?",
        "Befolkningen vokste raskt, og det var for lite jord til alle som ønsket å drive gårdsbruk. I Amerika lokket "
        "billig land og muligheten for et bedre liv. Mellom 1825 og 1925 reiste omkring 800 000 nordmenn over "
        "Atlanterhavet, de fleste til Midtvesten.",
    ),
    (
        "Når fikk kvinner stemmerett ved stortingsvalg i Norge?",
        "Alle kvinner fikk allmenn stemmerett ved stortingsvalg i 1913. Noen kvinner med en viss inntekt hadde fått "
        "stemmerett allerede i 1907. Norge var dermed et av de første landene i verden som innførte full stemmerett "
        "for kvinner.",
    ),
    (
        "Hva var Marshallhjelpen?",
        "Marshallhjelpen var et amerikansk hjelpeprogram for å gjenreise Europa etter andre verdenskrig. Norge fikk "
        "penger og varer fra 1948 til 1952. Støtten ble blant annet brukt til å modernisere industri, fiskeflåte og "
        "jordbruk.",
    ),
    (
        "Hvem var Kirsten Flagstad?",
        "Kirsten Flagstad var en norsk operasangerinne som regnes som en av de største wagnersopranene i forrige "
        "århundre. Hun sang på de store scenene i New York og London. Senere ble hun den første sjefen for Den "
        "Norske Opera.",
    ),
    # geografi
    (
        "Hvorfor har Norge så mange fjorder?",
        "Fjordene ble formet av isbreer under istidene. Breene gravde dype daler ned mot havet, og da isen smeltet, "
        "strømmet sjøvannet inn. Derfor er mange fjorder mye dypere innerst enn ved munningen, der breen avsatte "
        "morenemasser.",
    ),
    (
        "Hva er Golfstrømmen, og hvordan påvirker den Norge?",
        "Golfstrømmen er en varm havstrøm som starter i Mexicogolfen, og den nordlige forlengelsen kalles ofte den "
        "nordatlantiske strømmen. Den fører varmt vann nordover langs norskekysten. Det gjør at havnene i nord er "
        "isfrie om vinteren og at klimaet er mildere enn ellers på samme breddegrad.",
    ),
    (
        "Fortell litt om Bergen.",
        "Bergen er Norges nest største by og ligger mellom sju fjell på Vestlandet. Byen var en viktig handelsby i "
        "middelalderen, og Bryggen vitner om tiden med hanseatene. Bergen er også kjent for mye nedbør og for "
        "Festspillene som arrangeres hver vår.",
    ),
    (
        "Hva kjennetegner Tromsø?",
        "Tromsø er den største byen i Nord-Norge og ligger for det meste på Tromsøya. Byen har et universitet, et "
        "sykehus og en lang historie som utgangspunkt for ekspedisjoner til Arktis. Om vinteren er det mørketid, "
        "mens sola ikke går ned på sommeren.",
    ),
    (
        "Hva er midnattssol?",
        "Midnattssol betyr at sola er over horisonten hele døgnet. Fenomenet oppstår nord for polarsirkelen om "
        "sommeren fordi jordaksen heller i forhold til banen rundt sola. På Nordkapp kan man se midnattssol fra "
        "midten av mai til slutten av juli.",
    ),
    (
        "Hvilke naboland har Norge?",
        "Norge har landegrense mot Sverige, Finland og Russland. Grensen mot Sverige er den lengste og går gjennom "
        "store fjellområder. I tillegg deler Norge havområder med blant andre Danmark, Storbritannia og Island.",
    ),
    (
        "Hva er Hardangervidda?",
        "Hardangervidda er Nord-Europas største høyfjellsplatå. Den ligger mellom Hardanger, Numedal og Telemark, og "
        "store deler er vernet som nasjonalpark. Vidda har en av Europas største bestander av villrein.",
    ),
    (
        "Hva er forskjellen på klima og vær?",
        "Vær beskriver forholdene i atmosfæren på et bestemt sted og tidspunkt, for eksempel regn i morgen eller sol "
        "i dag. Klima er gjennomsnittet av været over lang tid, gjerne tretti år. Man kan derfor ha en kald dag selv "
        "om klimaet blir varmere.",
    ),
    (
        "Hvor ligger Finnmarksvidda?",
        "Finnmarksvidda er et stort høyplatå i det indre av Finnmark. Her ligger blant annet Kautokeino og Karasjok, "
        "og området er viktig for samisk reindrift. Vintrene er kalde og tørre, med noen av de laveste temperaturene "
        "som måles i Norge.",
    ),
    # mat
    (
        "Hvordan lager jeg en god kjøttkakesaus?",
        "Smelt smør i en kjele og rør inn mel til det blir en jevn, lysebrun blanding. Spe med kraft litt om gangen "
        "mens du visper, og la sausen småkoke i noen minutter. Smak til med salt, pepper og gjerne en skvett fløte "
        "eller litt brunost.",
    ),
    (
        "Hva er fårikål?",
        "Fårikål er en gryterett med fårekjøtt og kål i lag, krydret med hel sort pepper. Retten kokes lenge på svak "
        "varme og serveres med kokte poteter. Fårikål er kåret til Norges nasjonalrett og har en egen festdag siste "
        "torsdag i september.",
    ),
    (
        "Hvordan koker man egg slik at plommen blir myk?",
        "Legg eggene forsiktig i kokende vann og la dem koke i omtrent seks minutter. Avkjøl dem straks i kaldt vann "
        "så de slutter å koke. Tiden kan variere litt med størrelsen på eggene og om de kommer rett fra kjøleskapet.",
    ),
    (
        "Hvordan kan jeg unngå matsvinn hjemme?",
        "Planlegg middagene for uka og skriv handleliste, så kjøper du ikke mer enn du trenger. Sjekk kjøleskapet "
        "jevnlig og bruk opp det som snart går ut på dato. Husk også at «best før» betyr at maten ofte er god etter "
        "datoen, så lukt og smak før du kaster.",
    ),
    (
        "Gi meg noen tips til en enkel matpakke.",
        "Grovbrød med pålegg som ost, egg eller leverpostei metter godt og holder seg fint til lunsj. Legg gjerne ved "
        "en gulrot, noen agurkskiver eller et eple. Bruk matpapir eller en boks, så holder brødskivene seg friske.",
    ),
    (
        "Hva er forskjellen på gjær og bakepulver?",
        "Gjær er levende sopp som spiser sukker og lager karbondioksid, og deigen må derfor heve en stund. "
        "Bakepulver er et kjemisk hevemiddel som reagerer når det blir vått og varmt. Gjær gir brød mer smak, mens "
        "bakepulver passer til kaker som skal raskt i ovnen.",
    ),
    (
        "Hvordan tiner jeg frossen fisk på en trygg måte?",
        "Det tryggeste er å tine fisken i kjøleskapet over natten, gjerne i en tett pose eller på et fat. Har du "
        "dårlig tid, kan du legge den innpakkede fisken i kaldt vann. Unngå å tine fisk på kjøkkenbenken i romtemperatur.",
    ),
    (
        "Hva er rakfisk?",
        "Rakfisk er ørret eller røye som er saltet og lagt til gjæring i flere måneder. Retten er særlig knyttet til "
        "Valdres, og den spises ofte på lefse med løk og rømme. Smaken og lukten er kraftig, så ikke alle liker den "
        "første gang.",
    ),
    # vitenskap
    (
        "Hvorfor er himmelen blå?",
        "Sollyset består av mange farger, og når det går gjennom atmosfæren, sprer luftmolekylene det kortbølgede "
        "blå lyset mer enn det røde. Derfor kommer det blått lys fra alle retninger på himmelen. Ved solnedgang går "
        "lyset en lengre vei gjennom lufta, og da blir mer av det blå spredt bort.",
    ),
    (
        "Hva er fotosyntese?",
        "Fotosyntese er prosessen der planter bruker energi fra sollyset til å lage sukker av karbondioksid og vann. "
        "Oksygen blir dannet som et biprodukt. Prosessen foregår i grønnkornene, og den er grunnlaget for nesten alt "
        "liv på jorda.",
    ),
    (
        "Hvordan fungerer en vaksine?",
        "En vaksine gir kroppen en ufarlig versjon eller en bit av et smittestoff. Immunforsvaret lærer å kjenne det "
        "igjen og lager antistoffer og minneceller. Hvis du senere blir smittet, kan kroppen reagere raskt før du "
        "blir alvorlig syk.",
    ),
    (
        "Hva er tyngdekraft?",
        "Tyngdekraft er kraften som gjør at alle ting med masse trekker på hverandre. Jordas tyngdekraft holder oss "
        "på bakken og gjør at ting faller når vi slipper dem. Den samme kraften holder månen i bane rundt jorda og "
        "jorda i bane rundt sola.",
    ),
    (
        "Hva er et atom?",
        "Et atom er den minste enheten av et grunnstoff. Det består av en kjerne med protoner og nøytroner, omgitt av "
        "elektroner. Antall protoner bestemmer hvilket grunnstoff atomet er.",
    ),
    (
        "Hvorfor har vi årstider?",
        "Årstidene skyldes at jordaksen heller omtrent 23 grader i forhold til banen rundt sola. Når vår halvkule "
        "heller mot sola, får vi høyere sol og lengre dager, altså sommer. Et halvt år senere heller den bort fra "
        "sola, og da blir det vinter.",
    ),
    (
        "Hva er DNA?",
        "DNA er et langt molekyl som inneholder arvestoffet i nesten alle levende organismer. Det er bygd som en "
        "dobbel spiral, og rekkefølgen av byggesteinene fungerer som en oppskrift på proteiner. Vi arver halvparten "
        "av DNA-et fra hver av foreldrene.",
    ),
    (
        "Hva er forskjellen på en virus- og en bakterieinfeksjon?",
        "Bakterier er selvstendige encellede organismer, mens virus må inn i celler for å formere seg. Antibiotika "
        "virker mot mange bakterier, men har ingen effekt på virus. Derfor hjelper ikke antibiotika mot vanlig "
        "forkjølelse.",
    ),
    (
        "Hvordan oppstår torden?",
        "Lyn er en kraftig elektrisk utladning i eller fra en tordensky. Lufta rundt lynet varmes opp svært raskt og "
        "utvider seg nærmest eksplosjonsartet, og det er dette vi hører som torden. Fordi lys går fortere enn lyd, "
        "ser vi lynet før vi hører smellet.",
    ),
    (
        "Hva er et skuddår?",
        "Jorda bruker omtrent 365 og et kvart døgn på å gå rundt sola. For at kalenderen ikke skal forskyve seg, "
        "legger vi til en ekstra dag, 29. februar, omtrent hvert fjerde år. Hundreår er bare skuddår hvis de kan "
        "deles på 400, slik som år 2000.",
    ),
    # helse
    (
        "Hvor mye bør man sove?",
        "De fleste voksne trenger mellom sju og ni timer søvn i døgnet. Barn og ungdom trenger mer. Faste leggetider, "
        "et mørkt soverom og lite skjermbruk rett før sengetid kan gjøre det lettere å sove godt.",
    ),
    (
        "Hvorfor er det viktig å drikke nok vann?",
        "Kroppen består for en stor del av vann, som trengs til å regulere temperaturen og frakte næringsstoffer. "
        "Hvis du drikker for lite, kan du få hodepine og bli trøtt og ukonsentrert. Behovet øker når det er varmt "
        "eller når du trener.",
    ),
    (
        "Hva kan jeg gjøre mot stiv nakke etter kontorarbeid?",
        "Prøv å ta korte pauser hver halvtime, der du reiser deg og beveger skuldrene og nakken rolig. Still inn "
        "skjermen slik at overkanten er omtrent i øyehøyde. Går plagene ikke over etter noen uker, bør du snakke med "
        "lege eller fysioterapeut.",
    ),
    (
        "Hvorfor anbefales det å spise fisk flere ganger i uka?",
        "Fisk inneholder protein, vitamin D, jod og omega-3-fettsyrer. Fet fisk som laks, makrell og sild er særlig "
        "rik på omega-3, som er gunstig for hjertet. Helsemyndighetene anbefaler fisk til middag to til tre ganger i "
        "uka.",
    ),
    (
        "Hvordan kan jeg komme i gang med trening?",
        "Begynn med noe du liker, for eksempel raske gåturer, sykling eller svømming, og hold det enkelt de første "
        "ukene. Det viktigste er å være jevnlig i aktivitet, ikke å ta seg helt ut. Øk mengden gradvis, og avtal "
        "gjerne turer med en venn så det blir lettere å holde det ved like.",
    ),
    (
        "Hva er symptomer på hjernerystelse?",
        "Vanlige symptomer er hodepine, svimmelhet, kvalme og at man føler seg omtåket eller forvirret. Noen blir "
        "også lysømfintlige eller husker dårlig det som skjedde. Ved oppkast, økende hodepine eller slapphet bør man "
        "raskt kontakte lege.",
    ),
    (
        "Hvordan beskytter jeg huden mot sola?",
        "Bruk solkrem med høy faktor og smør deg inn flere ganger i løpet av dagen, særlig etter bading. Søk skygge "
        "midt på dagen når sola er sterkest. Klær og solhatt gir også god beskyttelse.",
    ),
    # jus
    (
        "Hva er angrerett ved netthandel?",
        "Når du handler på nett fra en næringsdrivende, har du som hovedregel 14 dagers angrerett. Fristen regnes "
        "fra dagen du mottok varen. Du må gi beskjed til selgeren innen fristen, og ofte må du selv betale for "
        "returen.",
    ),
    (
        "Hva er forskjellen på en lov og en forskrift?",
        "En lov vedtas av Stortinget, mens en forskrift som regel gis av regjeringen eller et departement med "
        "hjemmel i en lov. Forskriften utfyller loven med mer detaljerte regler. En forskrift kan ikke gå lenger enn "
        "det loven gir adgang til.",
    ),
    (
        "Hva betyr det at Norge har tredeling av makten?",
        "Makten er delt mellom Stortinget, som gir lover, regjeringen, som utøver makten, og domstolene, som dømmer. "
        "Tanken er at ingen enkeltinstitusjon skal få for mye makt. Prinsippet ble lagt til grunn allerede i "
        "Grunnloven fra 1814.",
    ),
    (
        "Hvor lang oppsigelsestid har man i en vanlig jobb?",
        "Etter arbeidsmiljøloven er den vanlige oppsigelsestiden én måned, regnet fra den første dagen i måneden "
        "etter at oppsigelsen ble gitt. Den kan bli lengre hvis man har vært ansatt lenge eller er eldre. Mange "
        "arbeidsavtaler har også avtalt tre måneders oppsigelsestid.",
    ),
    (
        "Hva er forliksrådet?",
        "Forliksrådet er et lokalt organ som behandler mindre sivile tvister, for eksempel om penger eller kjøp. "
        "Målet er å få partene til å bli enige uten en full rettssak. Meklerne er lekfolk, og behandlingen er "
        "enklere og billigere enn i tingretten.",
    ),
    (
        "Må jeg ha lys på sykkelen om kvelden?",
        "Ja, når det er mørkt eller dårlig sikt, skal sykkelen ha hvitt eller gult lys foran og rødt lys bak. Den "
        "skal også ha refleks. Lys gjør deg synlig for bilister og kan forhindre alvorlige ulykker.",
    ),
    # sport
    (
        "Hva er skiskyting?",
        "Skiskyting kombinerer langrenn og skyting med rifle. Utøverne går en løype og stopper på standplass, der de "
        "skyter liggende eller stående mot små blinker. Bom gir strafferunde eller tillegg i tid, så det gjelder å "
        "roe ned pulsen før skuddene.",
    ),
    (
        "Hvorfor er langrenn så populært i Norge?",
        "Langrenn har lange tradisjoner fordi ski var et nødvendig framkomstmiddel om vinteren. Mange vokser opp med "
        "skiløyper rett utenfor døra, og søndagsturen på ski er en del av kulturen. I tillegg har norske løpere "
        "vunnet svært mange medaljer, noe som skaper stor interesse.",
    ),
    (
        "Hva er offside i fotball?",
        "En spiller er i offsideposisjon hvis han eller hun er nærmere motstanderens mållinje enn både ballen og den "
        "nest bakerste motspilleren i det øyeblikket ballen spilles. Det er bare straffbart hvis spilleren deltar "
        "aktivt i spillet. Man kan ikke være offside på egen banehalvdel.",
    ),
    (
        "Hvordan fungerer poengene i håndball?",
        "I håndball får laget ett mål hver gang ballen går helt over mållinjen mellom stengene. En kamp varer i to "
        "omganger på 30 minutter. Laget med flest mål vinner, og i seriespill gir seier to poeng og uavgjort ett.",
    ),
    (
        "Hva må jeg tenke på før en lang fjelltur?",
        "Sjekk værmeldingen og legg en plan for ruten, og si fra til noen hvor du skal. Ta med ekstra klær, mat, "
        "drikke, kart og kompass, selv om du har mobil. Snu i tide hvis været blir dårlig, for fjellet blir "
        "stående.",
    ),
    # natur
    (
        "Hva spiser elgen?",
        "Elgen er planteeter og spiser blader, kvister og skudd fra trær og busker. Om sommeren beiter den også urter "
        "og vannplanter. Om vinteren består maten mest av kvister fra furu, bjørk og rogn.",
    ),
    (
        "Hvorfor skifter trærne farge om høsten?",
        "Om høsten bryter trærne ned det grønne klorofyllet i bladene for å ta vare på næringsstoffene. Da blir gule "
        "og oransje fargestoffer som allerede fantes i bladet, synlige. Noen trær lager i tillegg røde fargestoffer "
        "i høstsola.",
    ),
    (
        "Hva er en rødlistet art?",
        "En rødlistet art er en art som er vurdert å ha en risiko for å dø ut i Norge. Listen utarbeides av "
        "Artsdatabanken og bruker kategorier som sårbar, sterkt truet og kritisk truet. Listen brukes som "
        "kunnskapsgrunnlag når myndighetene forvalter naturen.",
    ),
    (
        "Hvordan overlever bjørnen vinteren?",
        "Brunbjørnen går i hi om høsten og lever på fettreservene den har bygget opp. Kroppstemperaturen synker litt, "
        "og hjerterytmen blir mye langsommere. Bjørnebinna føder ungene i hiet midt på vinteren.",
    ),
    (
        "Hvorfor er bier viktige?",
        "Bier pollinerer mange blomster og nytteplanter når de flyr fra blomst til blomst for å samle nektar. Uten "
        "pollinering ville vi fått langt mindre frukt, bær og grønnsaker. Derfor er det et problem at mange ville "
        "biearter går tilbake.",
    ),
    (
        "Hva er forskjellen på en ørret og en laks?",
        "Laks og ørret ligner hverandre, men laksen har som regel en smalere halerot og en mer kløftet halefinne. "
        "Ørreten har ofte flere prikker, også under sidelinjen. Begge artene kan vandre mellom elv og hav, og "
        "sjøvandrende ørret kalles sjøørret.",
    ),
    # teknologi
    (
        "Hva er en algoritme?",
        "En algoritme er en presis oppskrift som beskriver steg for steg hvordan man løser et problem. Datamaskiner "
        "bruker algoritmer til alt fra å sortere lister til å finne korteste vei på et kart. En god algoritme er "
        "både riktig og effektiv.",
    ),
    (
        "Hvordan lager jeg et sikkert passord?",
        "Et langt passord er vanskeligere å knekke enn et kort, så bruk gjerne en setning med flere ord. Ikke bruk "
        "det samme passordet på flere tjenester. En passordbehandler kan huske passordene for deg, og tofaktorautentisering "
        "gir ekstra beskyttelse.",
    ),
    (
        "Hva er skylagring?",
        "Skylagring betyr at filene dine lagres på servere hos en tjenesteleverandør i stedet for bare på din egen "
        "maskin. Du kan da nå filene fra flere enheter via internett. Det er lurt å ha sikkerhetskopi også, i tilfelle "
        "du mister tilgangen til kontoen.",
    ),
    (
        "Hva er forskjellen på RAM og lagringsplass?",
        "RAM er arbeidsminnet som datamaskinen bruker mens programmene kjører, og innholdet forsvinner når maskinen "
        "slås av. Lagringsplass, som en SSD, tar vare på filer og programmer over tid. Mer RAM gjør at flere ting kan "
        "kjøre samtidig uten at maskinen blir treg.",
    ),
    (
        "Hvordan kjenner jeg igjen en falsk e-post (phishing)?",
        "Se etter avsenderadresser som ligner på ekte, men som har små skrivefeil. Vær skeptisk til meldinger som "
        "haster, truer med stengt konto eller ber deg oppgi passord. Ikke klikk på lenker før du har sjekket dem, og "
        "logg heller inn via nettsiden du kjenner.",
    ),
    (
        "Hva er en språkmodell?",
        "En språkmodell er et dataprogram som er trent på store mengder tekst for å forutsi hvilke ord som passer "
        "sammen. Slike modeller kan skrive tekst, svare på spørsmål og oppsummere dokumenter. De kan likevel ta feil, "
        "så svarene bør kontrolleres når det er viktig.",
    ),
    (
        "Hvorfor bør jeg oppdatere programvaren på mobilen?",
        "Oppdateringer retter ofte sikkerhetshull som angripere kan utnytte. De kan også gi nye funksjoner og bedre "
        "batteritid. Slå gjerne på automatiske oppdateringer, så slipper du å huske det selv.",
    ),
    # kultur
    (
        "Hva er russefeiring?",
        "Russefeiringen er en tradisjon der elever som avslutter videregående skole, feirer i ukene før 17. mai. "
        "Russen bruker røde eller blå kjeledresser og russelue, og mange kjører rundt i russebusser. Tradisjonen "
        "har vært omdiskutert på grunn av høye kostnader og mye fest midt i eksamenstiden.",
    ),
    (
        "Hvorfor spiser mange nordmenn pinnekjøtt til jul?",
        "Pinnekjøtt er saltet og tørket lammeribbe som dampes over bjørkepinner. Tradisjonen stammer fra "
        "Vestlandet, der konservering med salt og tørking var vanlig. I dag er pinnekjøtt en av de vanligste "
        "julemiddagene i hele landet, sammen med ribbe.",
    ),
    (
        "Hvem var Ivar Aasen?",
        "Ivar Aasen var en språkforsker og dikter fra Ørsta på Sunnmøre. Han reiste rundt i landet og samlet inn "
        "dialekter, og på grunnlag av dem skapte han landsmålet, som i dag heter nynorsk. Han skrev også dikt som "
        "«Nordmannen» og «Mellom bakkar og berg».",
    ),
    (
        "Hva er joik?",
        "Joik er en tradisjonell samisk sangform. En joik skildrer gjerne en person, et dyr eller et sted, og man "
        "sier ofte at man joiker noen, ikke om noen. Tidligere ble joik motarbeidet av kirken, men i dag er den en "
        "levende del av samisk kultur.",
    ),
    (
        "Hva er Sankthans?",
        "Sankthans feires kvelden 23. juni og markerer midtsommer. Mange samles rundt et bål ved sjøen eller i "
        "nabolaget og griller. Navnet kommer fra døperen Johannes, men feiringen har også røtter i eldre "
        "midtsommerskikker.",
    ),
    (
        "Hvem var Sigrid Undset?",
        "Sigrid Undset var en norsk forfatter som mottok Nobels litteraturpris i 1928. Hun er mest kjent for "
        "trilogien om Kristin Lavransdatter, som foregår i middelalderen. Under andre verdenskrig flyktet hun til USA, "
        "der hun arbeidet for Norges sak.",
    ),
    # hverdagsråd
    (
        "Hvordan kan jeg spare strøm i leiligheten?",
        "Senk temperaturen en grad eller to, særlig på soverommet og om natten. Ta kortere dusjer og vask klær på "
        "lavere temperatur når det går an. Slå av lys og apparater du ikke bruker, og tett trekk rundt vinduer og "
        "dører.",
    ),
    (
        "Hvordan får jeg bort kalk fra vannkokeren?",
        "Fyll vannkokeren halvt med vann og tilsett en god skvett eddik eller litt sitronsyre. La blandingen koke opp "
        "og stå en halvtime før du heller den ut. Skyll godt og kok opp rent vann et par ganger før du bruker den igjen.",
    ),
    (
        "Hvordan forbereder jeg meg til en jobbintervju?",
        "Les deg opp på bedriften og stillingen, og tenk gjennom hvorfor du passer til jobben. Forbered eksempler fra "
        "tidligere arbeid eller skole som viser hva du kan. Ha også noen spørsmål klare selv, for det viser at du er "
        "interessert.",
    ),
    (
        "Hvordan lager jeg et enkelt budsjett?",
        "Start med å skrive opp hva du får inn hver måned etter skatt. Før deretter opp faste utgifter som husleie, "
        "strøm og transport, og sett av et beløp til mat og sparing. Sammenlign budsjettet med det du faktisk bruker "
        "etter en måned, og juster.",
    ),
    (
        "Hva bør jeg ha i en førstehjelpsskrin hjemme?",
        "Et godt førstehjelpsskrin inneholder plaster, sterile kompresser, gasbind og elastisk bind. Ta også med "
        "saks, pinsett, sårvask og et termometer. Husk å sjekke utløpsdatoer på medisiner en gang i året.",
    ),
    (
        "Hvordan rydder jeg et rotete bod?",
        "Ta ut alt og sorter i tre hauger: behold, gi bort og kast. Vær ærlig om ting du ikke har brukt på flere år. "
        "Sett tingene du beholder tilbake i merkede esker, med det du bruker oftest nærmest døra.",
    ),
    (
        "Hvordan tar jeg vare på en ullgenser?",
        "Vask ull sjelden, og luft heller genseren ute. Når den må vaskes, bruk ullprogram eller håndvask i lunkent "
        "vann med ullvaskemiddel. Legg genseren flatt til tørk så den ikke strekker seg.",
    ),
    (
        "Hvordan holder jeg meg varm på en vintertur?",
        "Kle deg i flere lag: ull innerst, et isolerende lag i midten og en vindtett jakke ytterst. Ta av et lag før "
        "du begynner å svette, for fuktige klær kjøles raskt ned. Husk lue, votter og en termos med varm drikke.",
    ),
    (
        "Hvordan skriver jeg en god klage til en butikk?",
        "Beskriv kort og saklig hva du kjøpte, når du kjøpte det og hva som er feil. Legg ved kvittering og gjerne "
        "bilder. Si tydelig hva du ønsker, for eksempel reparasjon, ny vare eller pengene tilbake, og sett en rimelig "
        "frist for svar.",
    ),
    (
        "Hva er en god måte å lære et nytt språk på?",
        "Bruk språket litt hver dag i stedet for mye en gang i uka. Kombiner ordforråd med å lytte til podkaster, se "
        "serier og snakke med folk. Ikke vær redd for å gjøre feil, for det er slik man lærer.",
    ),
    (
        "Hvordan planter jeg tomater på balkongen?",
        "Velg en stor potte med god drenering og fyll den med næringsrik jord. Plant tomaten når det ikke lenger er "
        "fare for frost, og sett den på det solrikeste stedet. Vann jevnlig og gi gjødsel hver uke når plantene "
        "begynner å sette frukt.",
    ),
    (
        "Hvordan får jeg bedre konsentrasjon når jeg studerer?",
        "Sett av faste økter på for eksempel 25 minutter og ta korte pauser imellom. Legg telefonen i et annet rom "
        "mens du jobber. Det hjelper også å ha et tydelig mål for hver økt, som å lese ett kapittel eller løse fem "
        "oppgaver.",
    ),
    (
        "Hvordan kan jeg gjøre en lang biltur hyggeligere for barna?",
        "Planlegg pauser omtrent hver annen time, gjerne ved en lekeplass. Ta med lydbøker, enkle spill og mat som "
        "ikke søler. Gi barna en egen oppgave, som å følge med på kartet eller telle røde biler.",
    ),
]
