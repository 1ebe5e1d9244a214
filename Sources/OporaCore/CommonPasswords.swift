/// Passwords that attackers try first, refused by `PasswordPolicy` (issue 2: "rejection of
/// common passwords").
///
/// The first 2,000 entries of the `passwords` frequency list shipped in the PyPI package
/// `zxcvbn` 4.5.0 (compiled from leaked password corpora), keeping those made only of a–z and
/// 0–9, followed by a few Bulgarian favourites in both scripts. One password per space or line.
enum CommonPasswords {
    static let all: Set<String> = Set(
        list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    )

    private static let list = """
        123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball
        abc123 football monkey letmein shadow master 696969 mustang 666666 qwertyuiop 123321 1234567890
        pussy superman 654321 1qaz2wsx 7777777 fuckyou qazwsx jordan 123qwe 000000 killer trustno1
        hunter harley zxcvbnm asdfgh buster batman soccer tigger charlie sunshine iloveyou fuckme ranger
        hockey computer starwars asshole pepper klaster 112233 zxcvbn freedom princess maggie pass
        ginger 11111111 131313 fuck love cheese 159753 summer chelsea dallas biteme matrix yankees 6969
        corvette austin access thunder merlin secret diamond hello hammer fucker 1234qwer silver gfhjkm
        internet samantha golfer scooter test orange cookie q1w2e3r4t5 maverick sparky phoenix mickey
        bigdog snoopy guitar whatever chicken camaro mercedes peanut ferrari falcon cowboy welcome sexy
        samsung steelers smokey dakota arsenal boomer eagles tigers marina nascar booboo gateway yellow
        porsche monster spider diablo hannah bulldog junior london purple compaq lakers iceman qwer1234
        hardcore cowboys money banana ncc1701 boston tennis q1w2e3r4 coffee scooby 123654 nikita yamaha
        mother barney brandy chester fuckoff oliver player forever rangers midnight chicago bigdaddy
        redsox angel badboy fender jasper slayer rabbit natasha marine bigdick wizard marlboro raiders
        prince casper fishing flower jasmine iwantu panties adidas winter winner gandalf password1 enter
        ghbdtn 1q2w3e4r golden cocacola jordan23 winston madison angels panther blowme sexsex bigtits
        spanky bitch sophie asdfasdf horny thx1138 toyota tiger dick canada 12344321 blowjob 8675309
        muffin liverpoo apples qwerty123 passw0rd abcd1234 pokemon 123abc slipknot qazxsw 123456a
        scorpion qwaszx butter startrek rainbow asdfghjkl razz newyork redskins gemini cameron qazwsxedc
        florida liverpool turtle sierra viking booger butthead doctor rocket 159357 dolphins captain
        bandit jaguar packers pookie peaches 789456 asdf dolphin helpme blue theman maxwell qwertyui
        shithead lovers maddog giants nirvana metallic hotdog rosebud mountain warrior stupid elephant
        suckit success bond007 jackass alexis porn lucky scorpio samson q1w2e3 azerty rush2112 driver
        freddy 1q2w3e4r5t sydney gators dexter red123 123456q 12345a bubba creative voodoo golf trouble
        america nissan gunner garfield bullshit asdfghjk 5150 fucking apollo 1qazxsw2 2112 eminem legend
        airborne bear beavis apple brooklyn godzilla skippy 4815162342 buddy qwert kitten magic shelby
        beaver phantom asdasd xavier braves darkness blink182 copper platinum qweqwe tomcat 01012011
        girls bigboy 102030 animal police online 11223344 voyager lifehack 12qwaszx fish sniper 315475
        trinity blazer heaven lover snowball playboy loveme bubbles hooters cricket willow donkey topgun
        nintendo saturn destiny pakistan pumpkin digital sergey redwings explorer tits private runner
        therock guinness lasvegas beatles 789456123 fire cassie christin qwerty1 celtic asdf1234 andrey
        broncos 007007 babygirl eclipse fluffy cartman michigan carolina testing alexande birdie pantera
        cherry vampire mexico dickhead buffalo genius montana beer minecraft maximus flyers lovely
        stalker metallica doggie snickers speedy bronco lol123 paradise yankee horses magnum dreams
        147258369 lacrosse ou812 goober enigma qwertyu scotty pimpin bollocks surfer cock poohbear
        genesis star asd123 qweasdzxc racing hello1 hawaii eagle1 viper poopoo einstein boobies 12345q
        bitches drowssap simple badger alaska action jester drummer 111222 spitfire forest maryjane
        champion diesel svetlana friday hotrod 147258 chevy lucky1 westside security google badass
        tester shorty thumper hitman mozart zaq12wsx boobs reddog 010203 lizard a123456 123456789a
        ruslan eagle 1232323q scarface qwerty12 147852 a12345 buddha porno 420420 spirit money1 stargate
        qwe123 naruto mercury liberty 12345qwert semperfi suzuki popcorn spooky marley scotland kitty
        cherokee vikings simpsons rascal qweasd hummer loveyou michael1 patches russia jupiter penguin
        passion cumshot vfhbyf honda vladimir sandman passport raider bastard 123789 infinity assman
        bulldogs fantasy sucker 1234554321 horney domino budlight disney ironman usuckballz1 softball
        brutus redrum bigred mnbvcxz fktrcfylh karina marines digger kawasaki cougar fireman oksana
        monday cunt justice nigger super wildcats tinker logitech dancer swordfis avalon everton
        alexandr motorola patriots hentai madonna pussy1 ducati colorado connor juventus galore smooth
        freeuser warcraft boogie titanic wolverin elizabet arizona valentin saints asdfg accord test123
        password123 christ yfnfif stinky slut spiderma naughty chopper hello123 ncc1701d extreme skyline
        poop zombie pearljam 123qweasd froggy awesome vision pirate fylhtq dreamer bullet predator
        empire 123123a kirill charlie1 panthers penis skipper nemesis rasdzv3 peekaboo rolltide cardinal
        psycho danger mookie happy1 wanker chevelle manutd goblue 9379992 hobbes vegeta fyfcnfcbz 852456
        picard 159951 windows loverboy victory vfrcbv bambam serega 123654789 turkey tweety galina
        hiphop rooster changeme berlin taurus suckme polina electric avatar 134679 maksim raptor alpha1
        hendrix newport bigcock brazil spring a1b2c3 madmax alpha britney sublime darkside bigman
        wolfpack classic hercules ronaldo letmein1 1q2w3e 741852963 spiderman blizzard 123456789q
        cheyenne cjkysirj tiger1 wombat bubba1 pandora zxc123 holiday wildcat devils horse alabama
        147852369 caesar 12312 buddy1 bondage pussycat pickle shaggy catch22 leather chronic a1b2c3d4
        admin qqq111 qaz123 airplane kodiak freepass billybob sunset katana phpbb chocolat snowman
        angel1 stingray firebird wolves zeppelin detroit pontiac gundam panzer vagina outlaw redhead
        tarheels greenday nastya 01011980 hardon engineer dragon1 hellfire serenity cobra fireball
        lickme darkstar 1029384756 01011 mustang1 flash 124578 strike beauty pavilion 01012000 bobafett
        dbrnjhbz bigmac bowling chris1 ytrewq natali pyramid rulez welcome1 dodgers apache swimming
        whynot teens trooper fuckit defender precious 135790 packard weasel popeye lucifer cancer
        icecream 142536 raven swordfish presario viktor rockstar blonde james1 wutang spike pimp atlanta
        airforce thailand casino lennon mouse 741852 hacker bluebird hawkeye 456123 theone catfish
        sailor goldfish nfnmzyf tattoo pervert barbie maxima nipples machine trucks wrangler rocks
        tornado lights cadillac bubble pegasus madman longhorn browns target 666999 eatme qazwsx123
        microsoft dilbert christia baller lesbian shooter xfiles seattle qazqaz cthutq amateur prelude
        corona freaky malibu 123qweasdzxc assassin 246810 atlantis integra pussies iloveu lonewolf
        dragons monkey1 unicorn software bobcat stealth peewee openup 753951 srinivas zaqwsx valentina
        shotgun trigger veronika bruins coyote babydoll joker dollar lestat rocky1 hottie random
        butterfly wordpass smiley sweety snake chipper woody samurai devildog gizmo maddie soso123aljg
        mistress freedom1 flipper express hjvfirf moose cessna piglet polaris teacher montreal cookies
        wolfgang scully fatboy wicked balls tickle bunny dfvgbh foobar transam pepsi fetish oicu812
        basketba toshiba hotstuff sunday booty gambit 31415926 impala stephani jessica1 hooker lancer
        knicks shamrock fuckyou2 stinger 314159 redneck deftones squirt siemens blaster trucker subaru
        renegade ibanez manson swinger reaper blondie mylove galaxy blahblah enterpri travel 1234abcd
        babylon5 indiana skeeter master1 sugar ficken smoke bigone sweetpea fucked trfnthbyf marino
        escort smitty bigfoot babes larisa trumpet spartan valera babylon asdfghj yankees1 bigboobs
        stormy mister hamlet aardvark butterfl marathon paladin cavalier manchester skater indigo hornet
        buckeyes 01011990 indians karate hesoyam toronto diamonds chiefs buckeye 1qaz2wsx3edc highland
        hotsex charger redman passwor maiden drpepper storm pornstar garden 12345678910 pencil sherlock
        timber thuglife insane pizza jungle jesus1 aragorn 1a2b3c hamster david1 triumph techno lollol
        pioneer catdog 321654 fktrctq morpheus 141627 pascal shadow1 hobbit wetpussy erotic consumer
        blabla justme stones chrissy spartak goforit burger pitbull adgjmptw italia barcelona hunting
        colors kissme virgin overlord pebbles sundance emerald doggy racecar irina element 1478963
        zipper alpine basket goddess poison nipple sakura chichi huskers 13579 pussys q12345 ultimate
        ncc1701e blackie nicola rommel matthew1 caserta omega geronimo sammy1 trojan 123qwe123 philips
        nugget tarzan chicks aleksandr bassman trixie portugal anakin dodger bomber superfly madness
        q1w2e3r4t5y6 loser 123asd fatcat ybrbnf soldier warlock wrinkle1 desire sexual babe seminole
        alejandr 951753 11235813 westham andrei concrete access14 weed letmein2 ladybug naked christop
        trombone tintin bluesky rhbcnbyf qazxswedc onelove cdtnkfyf whore vfvjxrf titans stallion truck
        hansolo blue22 smiles beagle panama kingkong flatron inferno mongoose connect poiuyt snatch
        qawsed juice blessed rocker snakes turbo bluemoon sex4me finger jamaica a1234567 mulder beetle
        fuckyou1 passat immortal plastic 123454321 anthony1 whiskey dietcoke suck spunky magic1 monitor
        cactus exigen planet ripper teen spyder apple1 nolimit hollywoo sluts sticky trunks 1234321
        14789632 pickles sailing bonehead ghbdtnbr delta charlott rubber 911911 112358 molly1 yomama
        hongkong jumper william1 ilovesex faster unreal cumming memphis 1123581321 nylons legion
        sebastia shalom pentium geheim werewolf funtime ferret orion curious 555666 niners cantona
        sprite philly pirates abgrtyu lollipop eternity boeing super123 sweets cooldude tottenha green1
        jackoff stocking 7895123 moomoo martini biscuit drizzt colt45 fossil makaveli snapper satan666
        maniac salmon patriot verbatim nasty shasta asdzxc shaved blackcat raistlin qwerty12345 punkrock
        cjkywt 01012010 4128 waterloo crimson twister oxford musicman seinfeld biggie condor ravens
        megadeth wolfman cosmos sharks banshee keeper foxtrot gn56gn56 skywalke velvet black1 sesame
        dogs squirrel privet sunrise wolverine sucks legolas grendel ghost cats carrot frosty lvbnhbq
        blades stardust frog qazwsxed 121314 coolio brownie groovy twilight daytona vanhalen pikachu
        peanuts licker hershey jericho intrepid ninja 1234567a zaq123 lobster goblin punisher strider
        shogun kansas amadeus seven7 jason1 neptune showtime muscle oldman ekaterina rfrfirf getsome
        showme 111222333 obiwan skittles danni tanker maestro tarheel anubis hannibal anal newlife
        gothic shark fighter blue123 blues 123456z princes slick chaos thunder1 sabine 1q2w3e4r5t6y
        python test1 mirage devil clover tequila chelsea1 surfing delete potato chubby panasonic
        sandiego portland baggins fusion sooners blackdog buttons californ moscow playtime mature
        1a2b3c4d dagger dima stimpy asdf123 gangster warriors iverson chargers byteme swallow liquid
        lucky7 dingdong nymets cracker mushroom 456852 crusader bigguy miami dkflbvbh bugger nimrod
        tazman stranger newpass doodle powder gotcha guardian dublin slapshot septembe 147896325 pepsi1
        milano grizzly woody1 knights photos 2468 nookie charly rammstein brasil 123321123 scruffy
        munchkin poopie 123098 kittycat latino walnut 1701 thegame viper1 1passwor kolobok picasso
        robert1 barcelon bananas trance auburn coltrane eatshit goodluck starcraft wheels parrot postal
        blade wisdom pink gorilla katerina pass123 andrew1 shaney14 dumbass osiris oakland discover
        ranger1 spanking lonestar bingo meridian ping heather1 dookie stonecol megaman 192837465 rjntyjr
        ledzep lowrider 25802580 richard1 firefly griffey racerx paradox ghjcnj gangsta zaq1xsw2
        tacobell weezer sirius halflife buffett shiloh 123698745 vertigo sergei aliens sobaka keyboard
        kangaroo sinner soccer1 bonjour socrates chucky hotboy sprint 0007 sarah1 scarlet celica shazam
        formula1 sommer trebor qwerasdf jeep mailcreated5240 bollox asshole1 fuckface honda1 rebels
        vacation lexmark penguins 12369874 ragnarok formula 258456 tempest vfhecz tacoma qwertz colombia
        flames rockon duck prodigy wookie dodgeram mustangs 123qaz sithlord smoker server bang incubus
        scoobydo oblivion molson kitkat titleist rescue zxcv1234 carpet 1122 bigballs tardis jimbob
        xanadu blueeyes shaman mersedes pooper pussy69 golfing hearts mallard 12312312 kenwood patrick1
        dogg cowboys1 oracle 123zxc nuttertools 102938 topper 1122334455 shemale sleepy gremlin yourmom
        123987 gateway1 printer monkeys peterpan mikey kingston cooler analsex jimbo pa55word asterix
        freckles birdman frank1 defiant aussie stud blondes tatyana 445566 aspirine mariners jackal
        deadhead katrin anime rootbeer frogger polo scooter1 hallo noodles thomas1 parola shaolin celine
        11112222 plymouth creampie justdoit ohyeah fatass assfuck amazon 1234567q kisses magnus camel
        nopass bosco 987456 6751520 harley1 putter champs massive spidey lightnin camelot letsgo gizmodo
        aezakmi bones caliente 12121 goodtime thankyou raiders1 brucelee redalert aquarius 456654
        catherin smokin pooh mypass astros roller porkchop sapphire qwert123 kevin1 a1s2d3f4 beckham
        atomic rusty1 vanilla qazwsxedcrfv hunter1 kaktus cxfcnmt blacky 753159 elvis1 aggies blackjac
        bangkok scream 123321q iforgot power1 kasper abc12 buster1 slappy shitty veritas chevrole amber1
        01012001 vader amsterdam jammer primus spectrum eduard granny horny1 sasha1 clancy usa123 satan
        diamond1 hitler avenger 1221 spankme 123456qwerty simba smudge scrappy labrador john316 syracuse
        front242 falcons husker candyman commando gator pacman delta1 pancho krishna fatman clitoris
        pineappl lesbians 8j4ye3uz barkley vulcan punkin boner celtics monopoly flyboy romashka hamburg
        123456aa lick gangbang 223344 area51 spartans aaa111 tricky snuggles drago homerun vectra homer1
        hermes topcat cuddles infiniti 1234567890q cosworth goose phoenix1 killer1 ivanov bossman
        qawsedrf peugeot exigent doberman durango brandon1 plumber telefon horndog laguna rbhbkk dawg
        webmaster breeze beast porsche9 beefcake leopard redbull oscar1 topdog godsmack theking pics
        omega1 speaker viktoria fuckers bowler starbuck gjkbyf valhalla anarchy blacks herbie kingpin
        starfish nokia loveit achilles 906090 labtec ncc1701a fitness jordan1 brando arsenal1 bull
        kicker napass desert sailboat bohica tractor hidden muppet jackson1 jimmy1 terminator phillies
        pa55w0rd terror farside swingers legacy frontier butthole doughboy jrcfyf tuesday sabbath
        daniel1 nebraska homers qwertyuio azamat fallen agent007 striker camels iguana looker pinkfloy
        moloko qwerty123456 dannyboy luckydog 789654 pistol whocares charmed skiing select franky puppy
        daniil vladik vette vfrcbvrf ihateyou nevada moneys vkontakte mandingo puppies 666777 mystic
        zidane kotenok dilligaf budman bunghole zvezda 123457 triton golfball technics trojans panda
        laptop rookie 01011991 15426378 aberdeen gustav jethro enterprise igor stripper filter hurrican
        rfnthbyf lespaul gizmo1 butch 132435 dthjybrf 1366613 excalibu 963852 nofear momoney possum
        cutter oilers moocow cupcake gbpltw batman1 splash svetik super1 soleil bogdan melissa1 vipers
        babyboy tdutybq lancelot ccbill keystone passwort flamingo firefox dogman vortex rebel noodle
        raven1 zaphod killme pokemon1 coolman danila designer skinny kamikaze deadman gopher doobie
        warhammer deeznuts freaks engage chevy1 steve1 apollo13 poncho hammers azsxdc dracula 000007
        sassy bitch1 boots deskjet 12332 macdaddy mighty rangers1 manchest sterlin casey1 meatball
        mailman sinatra cthulhu summer1 bubbas cartoon bicycle eatpussy truelove sentinel tolkien breast
        capone lickit summit 123456k peter1 daisy1 kitty1 123456789z crazy1 jamesbon texas1 sexygirl
        362436 sonic billyboy redhot microsof microlab daddy1 bulgaria sofia obichamte парола българия
        обичамте
        """
}
